import type { ScanResult } from '../model/result.js';

/**
 * The canonical result document (DESIGN §6) in pieces, so a result with a million findings is written
 * without ever building one string of it. Joined, the pieces equal JSON.stringify(result, null, 2) + "\n":
 * byte-identical for the same input and clock.
 */
export function* jsonChunks(result: ScanResult): Generator<string> {
  const { findings, ...rest } = result;
  const head = JSON.stringify({ ...rest, findings: [] }, null, 2);
  const open = head.lastIndexOf('[]');
  if (findings.length === 0) {
    yield `${head}\n`;
    return;
  }
  yield `${head.slice(0, open)}[\n`;
  let batch = '';
  for (let i = 0; i < findings.length; i++) {
    batch += `    ${JSON.stringify(findings[i], null, 2).replace(/\n/g, '\n    ')}${i < findings.length - 1 ? ',' : ''}\n`;
    if (batch.length > 1 << 20) {
      yield batch;
      batch = '';
    }
  }
  yield `${batch}  ]\n}\n`;
}

/** The whole document as one string (small results, tests). */
export function formatJson(result: ScanResult): string {
  return [...jsonChunks(result)].join('');
}
