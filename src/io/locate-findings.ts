import type { Finding, ScanResult } from '../model/result.js';
import { lineColumns } from './read-file.js';

/**
 * Gives every finding whose record has a character offset (JSON exports) its line and column, reading
 * each export file once. Only outputs that point into files need it (SARIF): ingest keeps offsets only.
 */
export async function locateFindings(result: ScanResult): Promise<void> {
  const byPath = new Map<string, Finding[]>();
  for (const f of result.findings) {
    if (f.source.offset === undefined || f.source.line !== undefined || !f.source.path) continue;
    const list = byPath.get(f.source.path) ?? [];
    list.push(f);
    byPath.set(f.source.path, list);
  }
  for (const [path, findings] of byPath) {
    const at = await lineColumns(path, findings.map((f) => f.source.offset as number));
    for (const f of findings) {
      const where = at.get(f.source.offset as number);
      if (where) Object.assign(f.source, where);
    }
  }
}
