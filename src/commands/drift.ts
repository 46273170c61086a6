import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { Args, Flags } from '@oclif/core';
import { notice } from '../cli/output-prefs.js';
import { commandConfig } from '../cli/config.js';
import { BaseCommand, paragraphs } from '../cli/base-command.js';
import { DRIFT_FORMATS, type DriftFormatName } from '../cli/drift-outputs.js';
import { writeOutputs } from '../cli/outputs.js';
import { packFlags, formatFlag } from '../cli/scan-flags.js';
import { driftOfResults, runDrift, type FailOnDrift } from '../app/run-drift.js';
import { parsePairs } from '../drift/server-map.js';
import { TOOL_VERSION } from '../io/package-root.js';
import { scanTime } from '../io/clock.js';
import { fileExportSource } from '../io/export-source.js';
import { loadMapFile } from '../io/read-map.js';
import { loadResult } from '../io/read-result.js';
import { filePackReader } from '../io/read-settings.js';
import { terminalText } from '../report/terminal-text.js';
import { resolvePacks } from '../rulepack/resolve-packs.js';

/** A saved casguard result rather than an export: it starts with its schemaVersion. */
function isSavedResult(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    const fd = openSync(path, 'r');
    const head = Buffer.alloc(256);
    const n = readSync(fd, head, 0, 256, 0);
    closeSync(fd);
    const text = head.subarray(0, n).toString(head[0] === 0xff ? 'utf16le' : 'utf8');
    return /^\W*\{\s*"schemaVersion"\s*:\s*"1"/.test(text);
  } catch {
    return false;
  }
}

export default class Drift extends BaseCommand {
  static override summary = 'Compare two sets of exports (or two saved results): what moved since the baseline, and what new servers lack before cut-over.';
  static override description = paragraphs(`Each side is an export file or a folder of exports, read as scan reads them (add more files to a side with
--baseline-file and --current-file). Records are compared by kind and identity, property by property,
after normalisation: the same organisation exported by Windows PowerShell 5.1 and by PowerShell 7 shows no
drift. Volatile properties (WhenChanged, Guid, RunspaceId, ...) are ignored; --ignore adds more. With
--map OLD=NEW (migration mode) legacy servers are compared with the new servers that replace them, and a
migration checklist and the rules EXX-006 and EXX-007 are evaluated. Given two results.json files, drift
compares their findings.

EXIT CODES
  0  compared; nothing moved at the level of --fail-on-drift (default none: never fails)
  1  compared; drift at or above --fail-on-drift (any change, or a regression / new finding)
  2  could not run: bad flags, an unreadable side, sides with no kind in common, a --map server on neither side
  3  internal error (a bug in casguard: please report it with --verbose output)`);

  static override examples = [
    '<%= config.bin %> <%= command.id %> exports/2026-10 exports/2026-11 --fail-on-drift regression',
    '<%= config.bin %> <%= command.id %> examples/contoso/legacy-ex2016 examples/contoso/se --map EX2016A=EXSE01 --map EX2016B=EXSE02 -f html -o drift/',
    '<%= config.bin %> <%= command.id %> last-month/results.json results.json',
  ];

  static override args = {
    baseline: Args.string({ description: 'baseline: an export file, a folder of exports, or a saved results.json', required: true }),
    current: Args.string({ description: 'current: an export file, a folder of exports, or a saved results.json', required: true }),
  };

  static override flags = {
    ...packFlags,
    'baseline-file': Flags.string({ description: 'another export file or folder of the baseline side (repeatable)', multiple: true }),
    'current-file': Flags.string({ description: 'another export file or folder of the current side (repeatable)', multiple: true }),
    map: Flags.string({ description: 'pair a legacy server with the new one that replaces it: OLD=NEW (repeatable)', multiple: true }),
    'map-file': Flags.string({ description: 'YAML file of server pairs: {map: {OLD: NEW}}' }),
    ignore: Flags.string({ description: 'property not to compare: Prop or Kind.Prop (repeatable)', multiple: true }),
    'fail-on-drift': Flags.option({ description: 'exit 1 on any change, or on a regression or new finding', options: ['any', 'regression', 'none'] as const, default: 'none' })(),
    format: formatFlag(Object.keys(DRIFT_FORMATS) as DriftFormatName[]),
    output: Flags.string({ char: 'o', description: 'write to this file (one format) or directory (several: drift.html, drift.json, drift.sarif, drift.junit.xml, drift.md, drift.txt)' }),
  };

  static override enableJsonFlag = true;

  async run(): Promise<undefined> {
    const { args, flags } = await this.parse(Drift);
    const now = scanTime();
    const failOnDrift = flags['fail-on-drift'] as FailOnDrift;
    const baseline = [args.baseline, ...(flags['baseline-file'] ?? [])];
    const current = [args.current, ...(flags['current-file'] ?? [])];
    let result;
    if (baseline.length === 1 && current.length === 1 && isSavedResult(args.baseline) && isSavedResult(args.current)) {
      result = driftOfResults(loadResult(args.baseline), loadResult(args.current), failOnDrift, now, TOOL_VERSION);
    } else {
      const config = commandConfig(flags.config);
      const packs = resolvePacks(flags.pack ?? config?.packs ?? ['exchange-baseline'], filePackReader(), { params: config?.params, overrides: config?.overrides }, config?.file);
      const pairs = [...(flags['map-file'] ? loadMapFile(flags['map-file']) : []), ...parsePairs(flags.map ?? []), ...parsePairs(config?.drift?.map ?? [], config?.file)];
      result = await runDrift(
        { baseline, current, packs, map: pairs, ...(flags['map-file'] ? { mapFile: flags['map-file'] } : {}), ignore: [...(config?.drift?.ignore ?? []), ...(flags.ignore ?? [])], expected: config?.drift?.expected ?? [], failOnDrift, now, toolVersion: TOOL_VERSION },
        fileExportSource,
      );
    }
    for (const n of result.notes) notice(terminalText(`note: ${n}`));
    const formats: DriftFormatName[] = this.jsonEnabled() ? ['json'] : (flags.format ?? []);
    const written = await writeOutputs(result, formats, this.jsonEnabled() ? undefined : flags.output, { inputs: [...baseline, ...current] }, DRIFT_FORMATS);
    for (const path of written) notice(`wrote ${terminalText(path)}`);
    process.exitCode = result.gate.exitCode;
    return undefined;
  }
}
