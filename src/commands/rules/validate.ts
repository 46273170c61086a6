import { MAX_SETTINGS_BYTES, readSideFile } from '../../io/read-side-file.js';
import { Args } from '@oclif/core';
import { BaseCommand, exitCodesHelp, paragraphs } from '../../cli/base-command.js';
import { ProblemsError } from '../../errors.js';
import { filePackReader } from '../../io/read-settings.js';
import { parsePack } from '../../rulepack/load-pack.js';
import { resolvePacks } from '../../rulepack/resolve-packs.js';

export default class RulesValidate extends BaseCommand {
  static override summary = 'Check a rule pack and report every problem at once (file, line, YAML path).';
  static override description = paragraphs(`Checks YAML syntax, the pack schema (src/rulepack/rule-pack.schema.json), every condition,
operator option, fact, function and placeholder, and the packs it extends.

${exitCodesHelp({ ok: 'the pack is valid', bad: 'the pack has problems (each one listed with file, line and YAML path), or bad flags' })}`);
  static override examples = ['<%= config.bin %> <%= command.id %> my-pack.yaml'];
  static override enableJsonFlag = true;
  static override args = { pack: Args.string({ description: 'rule pack file', required: true }) };

  async run(): Promise<unknown> {
    const { args } = await this.parse(RulesValidate);
    const text = readSideFile(args.pack, 'rulepack/not-found', 'rule pack', MAX_SETTINGS_BYTES);
    const { problems } = parsePack(text, args.pack);
    if (problems.length > 0) throw new ProblemsError('rulepack/invalid', problems);
    const resolved = resolvePacks([args.pack], filePackReader());
    if (!this.jsonEnabled()) this.log(`${args.pack}: valid — ${resolved.rules.length} rules in force (${resolved.packs.map((p) => `${p.id} ${p.version}`).join(', ')})`);
    return { valid: true, packs: resolved.packs, rules: resolved.rules.length };
  }
}
