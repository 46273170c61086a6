import { Args } from '@oclif/core';
import { runInspect } from '../app/run-inspect.js';
import { terminalText } from '../report/terminal-text.js';
import { BaseCommand, errorJson, exitCodesHelp, formatError, paragraphs } from '../cli/base-command.js';
import { ProgressLine } from '../cli/progress.js';
import { fileExportSource } from '../io/export-source.js';
import { formatInspectTable } from '../cli/inspect-table.js';

export default class Inspect extends BaseCommand {
  static override summary = 'Show what casguard recognises in export files: kind, records, encoding, format (JSON and which PowerShell wrote it, CliXml, Format-List text), warnings.';

  static override description = paragraphs(`Reads each export file (or every *.json/*.txt file under a directory) the way scan does, and
prints one line per file without evaluating any rule. Use it to check an export before a scan:
UTF-16 or ANSI encodings, depth-truncated properties (ConvertTo-Json -Depth too small), a
Get-CASMailbox export cut at 1000 records, or a file casguard cannot read at all.

${exitCodesHelp({ ok: 'every file was read', bad: 'bad flags, or at least one file could not be read or recognised (the others are still listed)' })}`);

  static override examples = [
    '<%= config.bin %> <%= command.id %> examples/contoso',
    '<%= config.bin %> <%= command.id %> PopSettings.json CASMailbox.json --json',
  ];

  static override enableJsonFlag = true;
  static override strict = false;

  static override args = {
    exports: Args.string({ description: 'export files or directories (searched recursively)', required: true }),
  };

  async run(): Promise<unknown[]> {
    const { argv, flags } = await this.parse(Inspect);
    const progress = new ProgressLine();
    const result = await runInspect(argv as string[], fileExportSource, (path, bytes, records) => progress.update(path, bytes, records));
    progress.clear();
    if (result.failures.length > 0) process.exitCode = 2;
    if (!this.jsonEnabled()) {
      if (result.summaries.length > 0) this.log(formatInspectTable(result.summaries));
      for (const failure of result.failures) {
        process.stderr.write(`${formatError(failure.error)}\n`);
        if (failure.error.hint) process.stderr.write(`  hint: ${terminalText(failure.error.hint)}\n`);
        if (flags.verbose && failure.error.stack) process.stderr.write(`${failure.error.stack}\n`);
      }
    }
    const byPath = new Map<string, unknown>();
    for (const s of result.summaries) {
      byPath.set(s.path, { path: s.path, kind: s.kind, count: s.count, kinds: s.kinds, encoding: s.encoding, format: s.format, flavour: s.flavour, bytes: s.bytes, sha256: s.sha256, warnings: s.warnings });
    }
    for (const f of result.failures) byPath.set(f.path, { path: f.path, error: errorJson(f.error) });
    return result.order.map((path) => byPath.get(path)).filter((entry) => entry !== undefined);
  }
}
