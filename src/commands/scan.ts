import { availableParallelism } from 'node:os';
import { Args } from '@oclif/core';
import { runScan } from '../app/run-scan.js';
import { terminalText } from '../report/terminal-text.js';
import { expandInputs, isLogFileName } from '../io/read-file.js';
import { readLogLines } from '../io/read-log-lines.js';
import { notice } from '../cli/output-prefs.js';
import { commandConfig, logRulesInForce } from '../cli/config.js';
import { BaseCommand, exitCodesHelp, paragraphs } from '../cli/base-command.js';
import { appendStepSummary, useColour, writeOutputs } from '../cli/outputs.js';
import { formatMarkdown } from '../formatters/markdown.js';
import { COLOUR, formatSummary, PLAIN } from '../formatters/text.js';
import { ProgressLine } from '../cli/progress.js';
import { scanFlags } from '../cli/scan-flags.js';
import { scanTime } from '../io/clock.js';
import { fileExportSource } from '../io/export-source.js';
import { locateFindings } from '../io/locate-findings.js';
import { TOOL_VERSION } from '../io/package-root.js';
import { filePackReader, loadBaseline, loadWaivers } from '../io/read-settings.js';
import { resolvePacks } from '../rulepack/resolve-packs.js';

export default class Scan extends BaseCommand {
  static override summary = 'Evaluate Exchange client-access exports against rule packs and gate on the result.';

  static override description = paragraphs(`Reads the exports (files or directories), evaluates every rule of the packs (default: the
built-in exchange-baseline), applies waivers and a baseline, and prints the findings grouped by
rule. --json (or -f json) prints the canonical JSON result; -o writes files.

Verdicts: pass, fail, error (evidence missing or unreadable: never a pass), not_applicable.
The gate fails when an open (not waived, not accepted) fail or error has a severity at or above
--fail-on (default high). SOURCE_DATE_EPOCH fixes generatedAt for reproducible output.

${exitCodesHelp({ ok: 'everything was read and the gate passed', gate: 'the gate failed: an open fail or error at --fail-on (default high) or above', bad: 'could not run: bad flags, an export, pack, config, waivers or baseline that could not be read, an unwritable output' })}`);

  static override examples = [
    '<%= config.bin %> <%= command.id %> examples/contoso',
    '<%= config.bin %> <%= command.id %> exports/ --fail-on medium --waivers waivers.yaml',
    '<%= config.bin %> <%= command.id %> exports/ --json > results.json',
    '<%= config.bin %> <%= command.id %> exports/ --baseline last-month.json -f json -o results.json',
  ];

  static override enableJsonFlag = true;
  static override strict = false;
  static override args = { exports: Args.string({ description: 'export files or directories (searched recursively)', required: true }) };
  static override flags = scanFlags;

  async run(): Promise<undefined> {
    const { argv, flags } = await this.parse(Scan);
    const config = commandConfig(flags.config);
    const packs = resolvePacks(flags.pack ?? config?.packs ?? ['exchange-baseline'], filePackReader(), { params: config?.params, overrides: config?.overrides }, config?.file);
    const waiversFile = flags.waivers ?? config?.waivers;
    const baselineFile = flags.baseline ?? config?.baseline;
    const progress = new ProgressLine();
    const result = await runScan(
      {
        inputs: argv as string[],
        packs,
        failOn: flags['fail-on'] ?? config?.failOn ?? 'high',
        waivers: waiversFile ? loadWaivers(waiversFile) : [],
        baseline: baselineFile ? loadBaseline(baselineFile) : undefined,
        allFindings: flags['all-findings'],
        jobs: flags.jobs ?? availableParallelism(),
        now: scanTime(),
        toolVersion: TOOL_VERSION,
        onProgress: (path, bytes, records) => progress.update(path, bytes, records),
        ...(flags.logs ? { logs: { inputs: flags.logs, rules: logRulesInForce(config), source: { expand: (inputs: readonly string[]) => expandInputs(inputs, process.cwd(), isLogFileName, 'protocol log files (*.log or *.txt)'), lines: readLogLines } } } : {}),
      },
      fileExportSource,
    );
    progress.clear();
    // Warnings go to stderr whatever the output (DESIGN §1): a report file does not hide them.
    for (const input of result.inputs) for (const w of input.warnings) notice(terminalText(`warning: ${input.path}: ${w}`));
    if (flags.output && !this.jsonEnabled()) progress.phase('writing reports');
    // SARIF points at the line of each record: turn the records' offsets into lines (one read per file).
    if (!this.jsonEnabled() && flags.format?.includes('sarif')) await locateFindings(result);
    // --json is -f json on stdout, streamed (oclif would build one string of the whole result).
    const written = await writeOutputs(result, this.jsonEnabled() ? ['json'] : (flags.format ?? []), this.jsonEnabled() ? undefined : flags.output, { applyReady: flags['apply-ready'], sarifMaxResults: flags['sarif-max-results'], inputs: [...(argv as string[]), ...(flags.logs ?? [])] });
    progress.clear();
    for (const path of written) notice(`wrote ${terminalText(path)}`);
    // With -o the reports are in files: the counts and the gate still go to the console, so one run is enough in CI.
    if (written.length > 0) process.stdout.write(`${formatSummary(result, useColour() ? COLOUR : PLAIN).join('\n')}\n`);
    await appendStepSummary(() => formatMarkdown(result));
    process.exitCode = result.gate.exitCode;
    return undefined;
  }
}
