import { Args } from '@oclif/core';
import { distance } from 'fastest-levenshtein';
import { commandConfig } from '../../cli/config.js';
import { BaseCommand, exitCodesHelp, paragraphs } from '../../cli/base-command.js';
import { packFlags } from '../../cli/scan-flags.js';
import { describeCondition } from '../../rulepack/describe-condition.js';
import { CasguardError } from '../../errors.js';
import { filePackReader } from '../../io/read-settings.js';
import { resolvePacks } from '../../rulepack/resolve-packs.js';

export default class RulesShow extends BaseCommand {
  static override summary = 'Show one rule: title, rationale, condition in words, remediation, references.';
  static override description = paragraphs(`Shows one rule of the packs in force as an auditor reads it: what it checks, in words, why it
matters, its severity after overrides, the fix it proposes and its sources.

${exitCodesHelp({ ok: 'shown', bad: 'no rule with that id (the nearest ids are suggested), or bad flags' })}`);
  static override examples = ['<%= config.bin %> <%= command.id %> EXCAR-001'];
  static override enableJsonFlag = true;
  static override flags = packFlags;
  static override args = { id: Args.string({ description: 'rule id, e.g. EXPOP-001', required: true }) };

  async run(): Promise<unknown> {
    const { args, flags } = await this.parse(RulesShow);
    const config = commandConfig(flags.config);
    const packs = resolvePacks(flags.pack ?? config?.packs ?? ['exchange-baseline'], filePackReader(), { params: config?.params, overrides: config?.overrides }, config?.file);
    const rule = packs.rules.find((r) => r.id.toLowerCase() === args.id.toLowerCase());
    if (!rule) {
      const near = packs.rules.map((r) => r.id).filter((id) => distance(id.toLowerCase(), args.id.toLowerCase()) <= 2);
      throw new CasguardError('usage/invalid-arguments', `no rule ${args.id} in force`, { hint: near.length ? `did you mean ${near.slice(0, 5).join(', ')}?` : 'casguard rules list shows the rules' });
    }
    const condition = rule.check ? `computed by ${rule.check.function}` : describeCondition(rule.then);
    if (!this.jsonEnabled()) {
      const lines = [
        `${rule.id}  ${rule.title}`,
        `severity: ${rule.severity}${rule.severityWhen?.length ? ` (${rule.severityWhen.map((s) => `${s.severity} when ${describeCondition(s.when)}`).join('; ')})` : ''}`,
        `kind:     ${rule.given.kind}${rule.given.where ? ` where ${describeCondition(rule.given.where)}` : ''}`,
        `passes:   when ${condition}`,
        `pack:     ${rule.pack}`,
        '',
        rule.rationale.trim(),
        '',
        ...(rule.remediation
          ? ['remediation:', ...(rule.remediation.run ?? []).map((l) => `  ${l}`), ...(rule.remediation.restart ? ['  (then restart the protocol services on that server)'] : []), ...(rule.remediation.manual ? [`  manual: ${rule.remediation.manual}`] : []), '']
          : rule.check
            ? ['remediation: computed for each finding by the function', '']
            : []),
        'messages:',
        `  pass:  ${rule.message.pass}`,
        `  fail:  ${rule.message.fail}`,
        `  error: ${rule.message.error}`,
        '',
        'references:',
        ...rule.references.map((r) => `  - ${r}`),
      ];
      this.log(lines.join('\n'));
    }
    return { ...rule, condition };
  }
}
