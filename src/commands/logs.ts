import { Args, Flags } from '@oclif/core';
import { runLogs } from '../app/run-logs.js';
import { notice } from '../cli/output-prefs.js';
import { terminalText } from '../report/terminal-text.js';
import { commandConfig, logRulesInForce } from '../cli/config.js';
import { BaseCommand, paragraphs } from '../cli/base-command.js';
import { LOGS_FORMATS, type LogsFormatName } from '../cli/logs-outputs.js';
import { writeOutputs } from '../cli/outputs.js';
import { packFlags, formatFlag } from '../cli/scan-flags.js';
import { CasguardError } from '../errors.js';
import { scanTime } from '../io/clock.js';
import { fileExportSource } from '../io/export-source.js';
import { TOOL_VERSION } from '../io/package-root.js';
import { expandInputs, isLogFileName } from '../io/read-file.js';
import { readLogLines } from '../io/read-log-lines.js';
import { filePackReader } from '../io/read-settings.js';
import { SEVERITIES, type FailOn } from '../model/result.js';
import { resolvePacks } from '../rulepack/resolve-packs.js';

/** `30d`, `12h` or `90m` before now, as an ISO date. */
function since(text: string, now: string): string {
  const m = /^(\d+)([dhm])$/.exec(text.trim());
  if (!m) throw new CasguardError('usage/invalid-arguments', `--since "${text}" is not a duration such as 30d, 12h or 90m`);
  const ms = Number(m[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[m[2] as 'd' | 'h' | 'm'];
  return new Date(Date.parse(now) - ms).toISOString();
}

function isoDate(text: string | undefined, flag: string): string | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(Date.parse(text))) throw new CasguardError('usage/invalid-arguments', `--${flag} "${text}" is not an ISO date (2026-11-01 or 2026-11-01T08:00:00Z)`);
  return new Date(Date.parse(text)).toISOString();
}

export default class Logs extends BaseCommand {
  static override summary = 'Read POP3/IMAP4 protocol logs: who still connects, from where, with which accounts, and who sends a password in clear.';
  static override description = paragraphs(`Reads the protocol logs Exchange writes under Logging\\Pop3 and Logging\\Imap4 (and the back-end folders),
as files or folders, of several servers at once, streamed at any size. The server comes from the folder
layout (EX01/Pop3/…), else the server address in the log. Columns are mapped from the #Fields header.
Evaluates the protocol-log rules EXLOG-001 to EXLOG-006 and gates like scan. With --settings, the exports
say which clients a change would break, and which servers give no evidence at all.

EXIT CODES
  0  read; no finding at or above --fail-on (default high)
  1  read; findings at or above --fail-on
  2  could not run: bad flags, a folder with no log file, unreadable settings
  3  internal error (a bug in casguard: please report it with --verbose output)`);

  static override examples = ['<%= config.bin %> <%= command.id %> examples/logs', '<%= config.bin %> <%= command.id %> \\\\EX01\\c$\\Logs --since 30d -f csv -o clients.csv', '<%= config.bin %> <%= command.id %> logs/ --settings exports/ -f html -o report/'];
  static override strict = false;
  static override args = { logs: Args.string({ description: 'protocol log files or folders (searched recursively for *.log and *.txt)', required: true }) };
  static override flags = {
    ...packFlags,
    since: Flags.string({ description: 'only events of the last 30d, 12h, 90m' }),
    from: Flags.string({ description: 'only events from this ISO date' }),
    to: Flags.string({ description: 'only events up to this ISO date' }),
    settings: Flags.string({ description: 'settings exports (files or folders) to cross-reference (repeatable)', multiple: true }),
    'fail-on': Flags.option({ description: 'lowest severity of a finding that fails the gate (exit 1)', options: [...SEVERITIES, 'none'] as const, default: 'high' })(),
    format: formatFlag(Object.keys(LOGS_FORMATS) as LogsFormatName[]),
    output: Flags.string({ char: 'o', description: 'write to this file (one format) or directory (several: logs.html, logs.json, clients.csv, logs.md, logs.txt)' }),
  };
  static override enableJsonFlag = true;

  async run(): Promise<undefined> {
    const { argv, flags } = await this.parse(Logs);
    const now = scanTime();
    const config = commandConfig(flags.config);
    const packs = resolvePacks(flags.pack ?? config?.packs ?? ['exchange-baseline'], filePackReader(), { params: config?.params, overrides: config?.overrides }, config?.file);
    const from = flags.since ? since(flags.since, now) : isoDate(flags.from, 'from');
    const to = isoDate(flags.to, 'to');
    const result = await runLogs(
      { inputs: argv as string[], params: packs.params, rules: logRulesInForce(config), ...(from ? { from } : {}), ...(to ? { to } : {}), failOn: flags['fail-on'] as FailOn, ...(flags.settings ? { settings: flags.settings } : {}), now, toolVersion: TOOL_VERSION },
      { expand: (inputs) => expandInputs(inputs, process.cwd(), isLogFileName, 'protocol log files (*.log or *.txt)'), lines: readLogLines },
      fileExportSource,
    );
    const formats: LogsFormatName[] = this.jsonEnabled() ? ['json'] : (flags.format ?? []);
    const written = await writeOutputs(result, formats, this.jsonEnabled() ? undefined : flags.output, { inputs: [...(argv as string[]), ...(flags.settings ?? [])] }, LOGS_FORMATS);
    for (const path of written) notice(`wrote ${terminalText(path)}`);
    process.exitCode = result.gate.exitCode;
    return undefined;
  }
}
