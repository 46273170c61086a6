import type { ScanResult } from '../model/result.js';

/** The canonical result document (DESIGN §6), byte-identical for the same input and clock. */
export function formatJson(result: ScanResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
