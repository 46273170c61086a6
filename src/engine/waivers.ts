import type { Finding, WaiverStatus } from '../model/result.js';
import { compileGlob } from './pattern.js';

/** One accepted risk: a rule and an identity pattern, with who accepted it, why, and until when. */
export interface Waiver {
  rule: string;
  identity: string;
  reason: string;
  owner: string;
  expires: string;
  ticket?: string;
}

const DAY = 86_400_000;


/**
 * Stamps failing and erroring findings that an active waiver covers, and reports every waiver's state:
 * active, expiring (within 30 days), expired (no longer applies) or unmatched.
 */
export function applyWaivers(findings: Finding[], waivers: readonly Waiver[], now: string): WaiverStatus[] {
  const today = now.slice(0, 10);
  const soon = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * DAY).toISOString().slice(0, 10);
  return waivers.map((w) => {
    const expired = w.expires < today;
    const pattern = compileGlob(w.identity);
    let matched = 0;
    for (const f of findings) {
      if (f.ruleId !== w.rule || (f.verdict !== 'fail' && f.verdict !== 'error') || !pattern.test(f.identity)) continue;
      matched++;
      if (!expired && !f.waiver) f.waiver = { reason: w.reason, owner: w.owner, expires: w.expires, ...(w.ticket ? { ticket: w.ticket } : {}) };
    }
    const status: WaiverStatus['status'] = expired ? 'expired' : matched === 0 ? 'unmatched' : w.expires <= soon ? 'expiring' : 'active';
    return { ruleId: w.rule, identity: w.identity, reason: w.reason, owner: w.owner, expires: w.expires, ...(w.ticket ? { ticket: w.ticket } : {}), status, matched };
  });
}

/** Notes for the reader about waivers that need attention. */
export function waiverNotes(statuses: readonly WaiverStatus[]): string[] {
  return statuses.flatMap((w) => {
    const which = `waiver ${w.ruleId} "${w.identity}" (owner ${w.owner})`;
    if (w.status === 'expired') return [`${which} expired on ${w.expires} and no longer applies (${w.matched} finding${w.matched === 1 ? '' : 's'} affected)`];
    if (w.status === 'expiring') return [`${which} expires on ${w.expires}`];
    if (w.status === 'unmatched') return [`${which} matches no failing finding: remove it or correct its rule or identity`];
    return [];
  });
}
