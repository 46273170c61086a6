// The streamed JSON writer: joined, its pieces are exactly JSON.stringify(value, null, 2) + "\n", however
// many batches the long list takes, with strings that need escaping and nested values.
import { describe, expect, it } from 'vitest';
import { jsonWithLongList } from '../../src/formatters/json.js';
import { PAYLOADS } from '../support/hostile.js';

describe('jsonWithLongList', () => {
  for (const n of [0, 1, 1999, 2000, 2001, 4501]) {
    it(`${n} items: byte-identical to JSON.stringify`, () => {
      const items = Array.from({ length: n }, (_, i) => ({ id: i, text: PAYLOADS[i % PAYLOADS.length], nested: { list: [i, 'a\nb', null, { deep: [] }], empty: {} }, missing: undefined }));
      const value = { schemaVersion: '1', items, after: { note: 'tail' } };
      const pieces = [...jsonWithLongList(value, 'items')];
      expect(pieces.join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
      // Streamed: no piece holds the whole list once it spans batches.
      if (n > 2000) expect(pieces.length).toBeGreaterThan(2);
    });
  }
});
