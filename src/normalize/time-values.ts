// TimeSpans and dates as PowerShell serialises them (export-shapes §2, §3).

import { invalid, isTypeNameString, truncated, unwrapPsObject, type Normalizer } from './values.js';

const C_FORMAT = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/;

/** TimeSpan / EnhancedTimeSpan → seconds. Accepts `"00:30:00"`, `"1.00:00:00"`, `{Ticks}`, `{TotalSeconds}`. */
export const toTimeSpan: Normalizer = (raw) => {
  const v = unwrapPsObject(raw);
  if (v === null) return null;
  if (typeof v === 'string') {
    const m = C_FORMAT.exec(v.trim());
    if (m) {
      const [, sign, d, h, min, s, frac] = m;
      const total = Number(d ?? 0) * 86400 + Number(h) * 3600 + Number(min) * 60 + Number(s ?? 0) + Number(`0.${frac ?? '0'}`);
      return sign ? -total : total;
    }
    if (isTypeNameString(v)) return truncated(v as string);
    return invalid('a time span such as "00:30:00"', v);
  }
  if (typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { Ticks?: unknown; TotalSeconds?: unknown };
    if (typeof o.Ticks === 'number') return o.Ticks / 1e7;
    if (typeof o.TotalSeconds === 'number') return o.TotalSeconds;
  }
  return invalid('a time span', v);
};

/** Renders seconds in .NET's "c" TimeSpan format (`00:30:00`, `1.00:00:00`), as Exchange shows them. */
export function formatTimeSpan(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  let rest = Math.abs(seconds);
  const days = Math.floor(rest / 86400);
  rest -= days * 86400;
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(rest / 3600);
  const m = Math.floor((rest % 3600) / 60);
  const s = Math.floor(rest % 60);
  const frac = Math.round((rest % 1) * 1e7);
  return `${sign}${days ? `${days}.` : ''}${pad(h)}:${pad(m)}:${pad(s)}${frac ? `.${String(frac).padStart(7, '0')}` : ''}`;
}

 /**
 * ISO 8601 UTC text of a time in milliseconds, as Date.prototype.toISOString() writes it, computed with
 * integer arithmetic (days → civil date, H. Hinnant's algorithm): ingest converts millions of dates.
 */
export function isoFromMilliseconds(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) return new Date(ms).toISOString();
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const sec = Math.floor(rest / 1000);
  const milli = rest - sec * 1000;
  const p2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  const p3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);
  return `${year < 1000 ? String(year).padStart(4, '0') : year}-${p2(month)}-${p2(day)}T${p2(h)}:${p2(m)}:${p2(sec)}.${p3(milli)}Z`;
}

const MS_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;
/** The range of a JavaScript Date (±100,000,000 days from 1970); .NET dates all fit. */
const MAX_DATE_MS = 8.64e15;

/** `\/Date(ms)\/` (PS 5.1) or ISO 8601 (PS 7) → ISO 8601 UTC. Unspecified-kind ISO dates are kept as written. */
export const toDate: Normalizer = (raw) => {
  const v = unwrapPsObject(raw);
  if (v === null) return null;
  if (typeof v === 'string') {
    // Fast path for the common PS 5.1 form; the regex below handles offsets, spaces and odd cases.
    if (v.startsWith('/Date(') && v.endsWith(')/')) {
      const ms = Number(v.slice(6, -2));
      if (Number.isSafeInteger(ms) && Math.abs(ms) <= MAX_DATE_MS) return isoFromMilliseconds(ms);
    }
    const m = MS_DATE.exec(v.trim());
    if (m) return Math.abs(Number(m[1])) <= MAX_DATE_MS ? new Date(Number(m[1])).toISOString() : invalid('a date between the years -271821 and 275760', v);
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v)) return v;
    const t = Date.parse(v);
    if (!Number.isNaN(t) && /^\d{4}-\d{2}-\d{2}/.test(v)) return new Date(t).toISOString();
  }
  return invalid('a date', v);
};

