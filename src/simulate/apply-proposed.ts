// Puts proposed client access rules into the exported list as New-/Set-ClientAccessRule would: a rule of
// the same name is replaced, a new one goes to its -Priority (the rules from there on move down by one)
// or, without one, after the last rule.

import { evaluationOrder } from '../engine/client-access-match.js';
import type { CanonicalRecord } from '../model/records.js';

export interface AppliedRules {
  rules: CanonicalRecord[];
  added: string[];
  replaced: string[];
}

const key = (name: string) => name.toLowerCase();
const priorityOf = (r: CanonicalRecord) => (typeof r.props.Priority === 'number' ? r.props.Priority : undefined);

function withPriority(r: CanonicalRecord, priority: number): CanonicalRecord {
  return priorityOf(r) === priority ? r : { ...r, props: { ...r.props, Priority: priority } };
}

export function applyProposed(exported: readonly CanonicalRecord[], proposed: readonly CanonicalRecord[]): AppliedRules {
  const order = evaluationOrder(exported);
  const added: string[] = [];
  const replaced: string[] = [];
  for (const p of proposed) {
    const at = order.findIndex((r) => key(r.identity) === key(p.identity));
    const old = at >= 0 ? order.splice(at, 1)[0] : undefined;
    (old ? replaced : added).push(p.identity);
    const wanted = priorityOf(p);
    let index: number;
    if (wanted !== undefined) {
      index = order.findIndex((r) => (priorityOf(r) ?? Number.POSITIVE_INFINITY) >= wanted);
      if (index < 0) index = order.length;
    } else {
      index = old ? at : order.length;
    }
    const fallback = old ? priorityOf(old) : undefined;
    const previous = index > 0 ? priorityOf(order[index - 1] as CanonicalRecord) : undefined;
    const priority = wanted ?? fallback ?? (previous !== undefined ? previous + 1 : 1);
    order.splice(index, 0, withPriority(p, priority));
    // Exchange keeps priorities unique: a rule put on an occupied number pushes that rule and the ones after it down.
    for (let i = index + 1; i < order.length; i++) {
      const before = priorityOf(order[i - 1] as CanonicalRecord);
      const mine = priorityOf(order[i] as CanonicalRecord);
      if (before === undefined || mine === undefined || mine > before) break;
      order[i] = withPriority(order[i] as CanonicalRecord, before + 1);
    }
  }
  return { rules: order, added, replaced };
}
