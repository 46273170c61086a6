import { hashText } from './hash-text.js';

/** Stable identity of a finding across runs (DESIGN §6): hash of ruleId|kind|identity|field. */
export function fingerprint(ruleId: string, kind: string, identity: string, field: string | undefined): string {
  return hashText('sha256', `${ruleId}|${kind}|${identity.toLowerCase()}|${field ?? ''}`, 'hex').slice(0, 32);
}
