import { CasguardError } from '../errors.js';

/** The scan time: SOURCE_DATE_EPOCH (seconds) when set, for reproducible output; otherwise now. */
export function scanTime(env: NodeJS.ProcessEnv = process.env): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (!/^\d+$/.test(epoch)) throw new CasguardError('usage/invalid-arguments', `SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${epoch}"`);
  return new Date(Number(epoch) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
