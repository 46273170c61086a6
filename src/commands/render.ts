import { Args } from '@oclif/core';
import { BaseCommand, EXIT_CODES_HELP } from '../cli/base-command.js';
import { writeOutputs } from '../cli/outputs.js';
import { outputFlags } from '../cli/scan-flags.js';
import { loadResult } from '../io/read-result.js';
import { CasguardError } from '../errors.js';

export default class Render extends BaseCommand {
  static override summary = 'Render a saved results.json again, in any format, without the exports.';
  static override description = `Reads a JSON result written by \`casguard scan --json\` (checked against its schema) and writes
it as HTML, SARIF, JUnit, Markdown or text. Exits 0 when rendered. A remediation script is written
only by \`casguard scan -f remediation\`: PowerShell is never copied from a file.

${EXIT_CODES_HELP}`;
  static override examples = ['<%= config.bin %> <%= command.id %> results.json -f html -o report.html', '<%= config.bin %> <%= command.id %> results.json -f sarif -f junit -o reports/'];
  static override args = { result: Args.string({ description: 'results.json of an earlier scan', required: true }) };
  static override flags = outputFlags;

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Render);
    if (flags.format?.includes('remediation')) {
      throw new CasguardError('usage/invalid-arguments', 'a remediation script is written only by casguard scan: a saved result is not trusted to carry PowerShell', {
        hint: 'run casguard scan <exports> -f remediation -o remediation.ps1',
      });
    }
    const result = loadResult(args.result);
    const written = await writeOutputs(result, flags.format ?? ['text'], flags.output, { applyReady: flags['apply-ready'], inputs: [args.result] });
    for (const path of written) process.stderr.write(`wrote ${path}\n`);
  }
}
