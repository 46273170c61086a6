import type { ScanResult } from '../model/result.js';

/**
 * The canonical result document (DESIGN §6) in pieces, so a result with a million findings is written
 * without ever building one string of it. Joined, the pieces equal JSON.stringify(result, null, 2) + "\n":
 * byte-identical for the same input and clock.
 */
export function* jsonChunks(result: ScanResult): Generator<string> {
  yield* jsonWithLongList(result, 'findings');
}

/**
 * `JSON.stringify(value, null, 2) + "\n"` in pieces, the top-level list `key` written item by item (a
 * million findings or changes are never one string). Byte-identical to the one-string form.
 */
export function* jsonWithLongList<T extends object, K extends keyof T & string>(value: T, key: K): Generator<string> {
  const list = value[key] as unknown as readonly unknown[];
  const marker = `"${key}": []`;
  const head = JSON.stringify({ ...value, [key]: [] }, null, 2);
  const at = head.lastIndexOf(marker);
  if (list.length === 0) {
    yield `${head}\n`;
    return;
  }
  yield `${head.slice(0, at)}"${key}": [\n`;
  // Items are stringified in batches inside a one-member object, which indents them exactly as they sit
  // in the document (4 spaces): no per-item re-indenting pass.
  const opening = `{\n  "${key}": [\n`.length;
  const closing = '\n  ]\n}'.length;
  for (let i = 0; i < list.length; i += BATCH) {
    const text = JSON.stringify({ [key]: list.slice(i, i + BATCH) }, null, 2);
    yield `${text.slice(opening, text.length - closing)}${i + BATCH < list.length ? ',' : ''}\n`;
  }
  yield `  ]${head.slice(at + marker.length)}\n`;
}

/** Items per stringified batch: big enough to amortise the call, small enough to keep each piece a few MB. */
const BATCH = 2000;

/** The whole document as one string (small results, tests). */
export function formatJson(result: ScanResult): string {
  return [...jsonChunks(result)].join('');
}
