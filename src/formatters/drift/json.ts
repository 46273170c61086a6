import type { DriftResult } from '../../model/drift.js';

/** The drift result as JSON in pieces (a large change list is never one string); byte-identical for the same input. */
export function* driftJsonChunks(result: DriftResult): Generator<string> {
  const { changes, ...rest } = result;
  const head = JSON.stringify({ ...rest, changes: [] }, null, 2);
  const at = head.lastIndexOf('"changes": []');
  if (changes.length === 0) {
    yield `${head}\n`;
    return;
  }
  yield `${head.slice(0, at)}"changes": [\n`;
  let batch = '';
  for (let i = 0; i < changes.length; i++) {
    batch += `    ${JSON.stringify(changes[i], null, 2).replace(/\n/g, '\n    ')}${i < changes.length - 1 ? ',' : ''}\n`;
    if (batch.length > 1 << 20) {
      yield batch;
      batch = '';
    }
  }
  yield `${batch}  ]${head.slice(at + '"changes": []'.length)}\n`;
}

export function formatDriftJson(result: DriftResult): string {
  return [...driftJsonChunks(result)].join('');
}
