import type { Fix, FixCommand } from '../model/fix.js';
import { psArgument } from '../powershell/quote.js';
import { renderTemplate } from '../report/render-template.js';
import type { FixTemplate } from '../rulepack/fix-template.js';
import { Decide, OMIT } from './fix-values.js';
import { PROTOCOL_SERVICES, type Protocol } from './scan-context.js';

/**
 * A rule's remediation filled for one finding. Placeholders take the finding's fields, then the record's
 * properties (with `fix.*` values computed from the record); every value goes through psArgument. An
 * argument whose value is a decision or missing becomes a manual step; a command left with nothing to
 * change is dropped.
 */
export function buildFix(
  template: FixTemplate,
  vars: Readonly<Record<string, string | undefined>>,
  props: Readonly<Record<string, unknown>>,
  server: string | undefined,
  protocol: Protocol | undefined,
): Fix {
  const commands: FixCommand[] = [];
  const manual: string[] = [];
  for (const t of template.commands) {
    const args: FixCommand['args'] = [];
    const decisions: string[] = [];
    let changes = 0;
    t.args.forEach((a, i) => {
      if (a.literal !== undefined) {
        args.push({ name: a.name, value: a.literal });
        if (i > 0) changes++;
        return;
      }
      if (a.placeholder === undefined) {
        args.push({ name: a.name });
        return;
      }
      const value: unknown = vars[a.placeholder] ?? (Object.hasOwn(props, a.placeholder) ? props[a.placeholder] : undefined);
      if (value === OMIT) return;
      if (value instanceof Decide) decisions.push(`-${a.name}: ${value.what}`);
      else if (value === undefined) decisions.push(`-${a.name}: ${a.placeholder} is not in the export`);
      else {
        args.push({ name: a.name, value: psArgument(value, a.placeholder) });
        if (i > 0) changes++;
      }
    });
    const command: FixCommand = { cmdlet: t.cmdlet, args, ...(server ? { server } : {}) };
    if (changes > 0) commands.push(command);
    if (decisions.length) manual.push(`${t.cmdlet}${args[0]?.value ? ` -${args[0].name} ${args[0].value}` : ''} — decide ${decisions.join('; ')}`);
  }
  if (template.manual) manual.push(renderTemplate(template.manual, vars, props));
  const restarts = template.restart && server && protocol && commands.length ? [{ server, services: [...PROTOCOL_SERVICES[protocol].names] }] : [];
  return { commands, restarts, manual };
}
