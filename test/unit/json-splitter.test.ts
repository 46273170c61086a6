import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonSplitter, JsonSyntaxError, type DocumentShape } from '../../src/ingest/json-splitter.js';
import { toPs51Json, toPs7Json } from '../support/ps-json.js';

interface Event {
  shape?: DocumentShape;
  firstKey?: string;
  value?: unknown;
  key?: string;
  index?: number;
  end?: true;
}

function split(text: string, chunkSizes: number[] = [text.length || 1]): Event[] {
  const events: Event[] = [];
  const splitter = new JsonSplitter(
    {
      startDocument: (shape, firstKey) => events.push({ shape, ...(firstKey !== undefined ? { firstKey } : {}) }),
      value: (value, key, index) => events.push({ value, ...(key !== undefined ? { key } : {}), index }),
      endDocument: () => events.push({ end: true }),
    },
    (key) => key === 'value' || key === 'PopSettings',
  );
  let at = 0;
  let i = 0;
  while (at < text.length) {
    const size = Math.max(1, chunkSizes[i++ % chunkSizes.length] ?? 1);
    splitter.write(text.slice(at, at + size));
    at += size;
  }
  splitter.end();
  return events;
}

const values = (events: Event[]) => events.filter((e) => 'value' in e).map((e) => e.value);
/** What a value looks like after a JSON round trip (-0 becomes 0). */
const viaJson = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const formats: [string, (v: unknown) => string][] = [
  ['compressed', (v) => JSON.stringify(v)],
  ['PS 5.1', (v) => toPs51Json(v)],
  ['PS 7', (v) => toPs7Json(v)],
];

// Objects whose strings are full of JSON syntax, escapes and non-ASCII text.
const nasty = fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', '\\', ',', ':', ' ', '\n', 'a', 'é', '😀', '\u2028') });
const record = fc.dictionary(fc.oneof(fc.string(), nasty), fc.oneof(fc.jsonValue({ maxDepth: 3 }), nasty), { maxKeys: 6 });
const chunks = fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 });

describe('JsonSplitter', () => {
  for (const [name, format] of formats) {
    it(`returns every array element, whatever the chunking (${name})`, () => {
      fc.assert(
        fc.property(fc.array(record, { maxLength: 6 }), chunks, (records, sizes) => {
          const events = split(format(records), sizes);
          expect(values(events)).toEqual(viaJson(records));
          expect(events[0]).toEqual({ shape: 'array' });
          expect(events.at(-1)).toEqual({ end: true });
        }),
        { numRuns: 150 },
      );
    });

    it(`streams the PS 5.1 {"value": [...], "Count": n} wrapper (${name})`, () => {
      fc.assert(
        fc.property(fc.array(record, { maxLength: 5 }), chunks, (records, sizes) => {
          const events = split(format({ value: records, Count: records.length }), sizes);
          const items = events.filter((e) => e.key === 'value' && (e.index ?? -1) >= 0).map((e) => e.value);
          expect(items).toEqual(viaJson(records));
          expect(events).toContainEqual({ value: records.length, key: 'Count', index: -1 });
        }),
        { numRuns: 100 },
      );
    });
  }

  it('takes a top-level object whose first key is not a container key as one value', () => {
    const doc = { ProtocolName: 'POP3', SSLBindings: ['[::]:995'], Nested: { value: [1, 2] } };
    const events = split(toPs51Json(doc), [7]);
    expect(events).toEqual([{ shape: 'object', firstKey: 'ProtocolName' }, { value: doc, index: 0 }, { end: true }]);
  });

  it('reads several concatenated documents (a per-server loop appending with >>)', () => {
    const a = { Server: 'EX01', ProtocolName: 'POP3' };
    const b = [{ Server: 'EX02' }, { Server: 'EX03' }];
    const text = `${toPs51Json(a)}\r\n${toPs51Json(b)}\r\n${toPs7Json(a)}\n`;
    for (const size of [1, 3, 1000]) {
      const events = split(text, [size]);
      expect(values(events)).toEqual([a, ...b, a]);
      expect(events.filter((e) => e.shape).map((e) => e.shape)).toEqual(['object', 'array', 'object']);
    }
  });

  it('streams array members of a bundle and passes its other members whole', () => {
    const bundle = { PopSettings: [{ a: 1 }, { b: '}' }], Extra: { x: [1] } };
    const events = split(JSON.stringify(bundle), [5]);
    expect(events).toEqual([
      { shape: 'container', firstKey: 'PopSettings' },
      { value: { a: 1 }, key: 'PopSettings', index: 0 },
      { value: { b: '}' }, key: 'PopSettings', index: 1 },
      { value: { x: [1] }, key: 'Extra', index: -1 },
      { end: true },
    ]);
  });

  it('reads scalar documents, empty arrays and empty objects', () => {
    expect(split('null')).toEqual([{ shape: 'scalar' }, { value: null, index: 0 }, { end: true }]);
    expect(split(' [\r\n\r\n ] ')).toEqual([{ shape: 'array' }, { end: true }]);
    expect(values(split('{}'))).toEqual([{}]);
    expect(split('')).toEqual([]);
  });

  it('uses the indentation fast path and still finds the right end when an indented line is inside a value', () => {
    // The first "\n    }" closes a nested object at the same indentation (unusual formatting): the parse
    // check rejects the guess and the exact scanner finds the real end.
    const text = '[\n    {"a": {\n    },\n     "b": 1\n    }\n]';
    expect(values(split(text))).toEqual([{ a: {}, b: 1 }]);
  });

  it('reports truncated JSON with the offset where it ends', () => {
    const text = '[{"a": 1}, {"b": "unterminated';
    expect(() => split(text, [4])).toThrow(JsonSyntaxError);
    try {
      split(text);
    } catch (err) {
      expect((err as JsonSyntaxError).offset).toBe(text.length);
      expect((err as Error).message).toMatch(/truncated/);
    }
  });

  it('reports syntax errors with the offset of the bad character', () => {
    const cases: [string, number, RegExp][] = [
      ['[1,]', 3, /unexpected '\]'/],
      ['[1 2]', 3, /',' or '\]'/],
      ['{"value": [1] "Count": 1}', 14, /',' or '\}'/],
      ['[{"a": tru}]', 1, /tru/],
      ['x', 0, /unexpected|not valid|token/i],
    ];
    for (const [text, offset, message] of cases) {
      let error: JsonSyntaxError | undefined;
      try {
        split(text);
      } catch (err) {
        error = err as JsonSyntaxError;
      }
      expect(error, text).toBeInstanceOf(JsonSyntaxError);
      expect(error?.message, text).toMatch(message);
      expect(error?.offset, text).toBeGreaterThanOrEqual(offset);
    }
  });

  it('refuses a single value larger than its limit instead of buffering without bound', () => {
    const splitter = new JsonSplitter({ startDocument() {}, value() {}, endDocument() {} }, () => false, 1000);
    splitter.write('[{"a": "');
    expect(() => {
      for (let i = 0; i < 20; i++) splitter.write('x'.repeat(100));
    }).toThrow(/larger than/);
  });
});
