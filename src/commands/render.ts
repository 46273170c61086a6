import { Args } from '@oclif/core';
import { notice } from '../cli/output-prefs.js';
import { terminalText } from '../report/terminal-text.js';
import { BaseCommand, exitCodesHelp, paragraphs } from '../cli/base-command.js';
import { writeOutputs } from '../cli/outputs.js';
import { outputFlags } from '../cli/scan-flags.js';
import { loadResult } from '../io/read-result.js';
import { CasguardError } from '../errors.js';

export default class Render extends BaseCommand {
  static override summary = 'Render a saved results.json again, in any format, without the exports.';
  static override description = paragraphs(`Reads a JSON result written by \`casguard scan --json\` (checked against its schema) and writes
it as HTML, SARIF, JUnit, Markdown or text. Exits 0 when rendered. A remediation script is written
only by \`casguard scan -f remediation\`: PowerShell is never copied from a file.

${exitCodesHelp({ ok: 'the saved result was rendered', bad: 'could not run: bad flags, a file that is not a casguard result, an unwritable output' })}`);
  static override examples = ['<%= config.bin %> <%= command.id %> results.json -f html -o report.html', '<%= config.bin %> <%= command.id %> results.json -f sarif -f junit -o reports/'];
  static override args = { result: Args.string({ description: 'results.json of an earlier scan', required: true }) };
  static override flags = outputFlags;
  static override enableJsonFlag = true;

  async run(): Promise<undefined> {
    const { args, flags } = await this.parse(Render);
    if (flags.format?.includes('remediation')) {
      throw new CasguardError('usage/invalid-arguments', 'a remediation script is written only by casguard scan: a saved result is not trusted to carry PowerShell', {
        hint: 'run casguard scan <exports> -f remediation -o remediation.ps1',
      });
    }
    const result = loadResult(args.result);
    // --json: the checked result on stdout, as scan --json prints it.
    const written = await writeOutputs(result, this.jsonEnabled() ? ['json'] : (flags.format ?? ['text']), this.jsonEnabled() ? undefined : flags.output, { applyReady: flags['apply-ready'], sarifMaxResults: flags['sarif-max-results'], inputs: [args.result] });
    for (const path of written) notice(`wrote ${terminalText(path)}`);
    return undefined;
  }
}
