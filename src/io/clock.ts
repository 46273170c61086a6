import { CasguardError } from '../errors.js';

/** The scan time: SOURCE_DATE_EPOCH (seconds) when set, for reproducible output; otherwise now. */
export function scanTime(env: NodeJS.ProcessEnv = process.env): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  // 253402300799 is 9999-12-31T23:59:59Z, the last second an ISO 8601 date of four digits can show.
  if (!/^\d{1,12}$/.test(epoch) || Number(epoch) > 253_402_300_799) {
    throw new CasguardError('usage/invalid-arguments', `SOURCE_DATE_EPOCH must be whole seconds since 1970 up to the year 9999, got "${epoch.slice(0, 40)}"`);
  }
  return new Date(Number(epoch) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
