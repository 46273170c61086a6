import { commandConfig } from '../../cli/config.js';
import { BaseCommand, exitCodesHelp, paragraphs } from '../../cli/base-command.js';
import { packFlags } from '../../cli/scan-flags.js';
import { filePackReader } from '../../io/read-settings.js';
import { resolvePacks } from '../../rulepack/resolve-packs.js';

export default class RulesList extends BaseCommand {
  static override summary = 'List the rules in force: id, severity, kind and title.';
  static override description = paragraphs(`Lists every rule of the packs in force (default the built-in exchange-baseline; -p adds packs,
-c reads them and their overrides from casguard.yml), with the severity after overrides. --json
gives the same as data.

${exitCodesHelp({ ok: 'listed', bad: 'bad flags, or a pack or config that could not be read' })}`);
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> -p my-pack.yaml --json'];
  static override enableJsonFlag = true;
  static override flags = packFlags;

  async run(): Promise<unknown> {
    const { flags } = await this.parse(RulesList);
    const config = commandConfig(flags.config);
    const packs = resolvePacks(flags.pack ?? config?.packs ?? ['exchange-baseline'], filePackReader(), { params: config?.params, overrides: config?.overrides }, config?.file);
    const rows = packs.rules.map((r) => ({ id: r.id, severity: r.severity, kind: r.given.kind, title: r.title, pack: r.pack }));
    if (!this.jsonEnabled()) {
      const w = Math.max(...rows.map((r) => r.kind.length));
      this.log(rows.map((r) => `${r.id.padEnd(10)} ${r.severity.padEnd(8)} ${r.kind.padEnd(w)}  ${r.title}`).join('\n'));
      this.log(`\n${rows.length} rules from ${packs.packs.map((p) => `${p.id} ${p.version}`).join(', ')}`);
    }
    return { packs: packs.packs, rules: rows };
  }
}
