import { createHash } from 'node:crypto';

/** Stable identity of a finding across runs (DESIGN §6): hash of ruleId|kind|identity|field. */
export function fingerprint(ruleId: string, kind: string, identity: string, field: string | undefined): string {
  return createHash('sha256').update(`${ruleId}|${kind}|${identity.toLowerCase()}|${field ?? ''}`).digest('hex').slice(0, 32);
}
