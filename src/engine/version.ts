/** Compares dotted version strings numerically (`15.2.1544.4` < `15.2.2562.17`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The product line of an Exchange build: 2013 (15.0), 2016 (15.1), 2019 (15.2 before 2562), SE (15.2.2562+). */
export function exchangeRelease(version: string): '2013' | '2016' | '2019' | 'SE' | 'unknown' {
  if (/^15\.0\./.test(version)) return '2013';
  if (/^15\.1\./.test(version)) return '2016';
  if (/^15\.2\./.test(version)) return compareVersions(version, '15.2.2562') >= 0 ? 'SE' : '2019';
  return 'unknown';
}
