import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BinaryContentError, ChunkDecoder, EncodingError, sniffEncoding } from '../../src/ingest/text-decoder.js';

function decodeAll(bytes: Buffer, sizes: number[] = [bytes.length || 1]) {
  const { encoding, bomLength } = sniffEncoding(bytes);
  const decoder = new ChunkDecoder(encoding, bomLength);
  let text = '';
  let at = bomLength;
  let i = 0;
  while (at < bytes.length) {
    const size = Math.max(1, sizes[i++ % sizes.length] ?? 1);
    text += decoder.decode(bytes.subarray(at, at + size));
    at += size;
  }
  text += decoder.end();
  return { text, encoding: decoder.effectiveEncoding, declared: encoding };
}

const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
const sample = '[{"DisplayName": "Zoë Ångström 😀 — 東京", "Banner": "ready"}]';

describe('sniffEncoding and ChunkDecoder', () => {
  const encodings: [string, Buffer, string][] = [
    ['utf-8', Buffer.from(sample, 'utf8'), 'utf-8'],
    ['utf-8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample, 'utf8')]), 'utf-8-bom'],
    ['utf-16le-bom', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sample, 'utf16le')]), 'utf-16le-bom'],
    ['utf-16be-bom', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(sample)]), 'utf-16be-bom'],
    ['utf-16le (no BOM)', Buffer.from(sample, 'utf16le'), 'utf-16le'],
    ['utf-16be (no BOM)', utf16be(sample), 'utf-16be'],
  ];
  for (const [name, bytes, expected] of encodings) {
    it(`reads ${name} in any chunking`, () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }), (sizes) => {
          const result = decodeAll(bytes, sizes);
          expect(result.text).toBe(sample);
          expect(result.encoding).toBe(expected);
        }),
        { numRuns: 60 },
      );
    });
  }

  it('decodes any Unicode text in UTF-8 and UTF-16 whatever the chunk boundaries', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }), (s, sizes) => {
        const text = `["${s}"]`;
        expect(decodeAll(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), sizes).text).toBe(text);
        expect(decodeAll(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), sizes).text).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it("reads BOM-less non-UTF-8 text as Windows-1252 (Set-Content's ANSI) and says so", () => {
    const ansi = Buffer.from([...Buffer.from('[{"DisplayName": "Ren'), 0xe9, 0x20, 0x80, ...Buffer.from('"}]')]);
    const result = decodeAll(ansi, [5]);
    expect(result.text).toBe('[{"DisplayName": "René €"}]');
    expect(result.encoding).toBe('windows-1252');
    expect(result.declared).toBe('utf-8');
  });

  it('rejects invalid UTF-8 after a UTF-8 BOM with the byte offset', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    expect(() => decodeAll(bytes)).toThrow(EncodingError);
    try {
      decodeAll(bytes, [4]);
    } catch (err) {
      expect((err as EncodingError).byteOffset).toBe(3 + 7);
    }
  });

  it('rejects invalid UTF-8 once valid multi-byte UTF-8 was seen (corruption, not ANSI)', () => {
    const bytes = Buffer.concat([Buffer.from('{"a": "é", "b": "'), Buffer.from([0xff]), Buffer.from('"}')]);
    expect(() => decodeAll(bytes)).toThrow(/already contained valid UTF-8/);
  });

  it('rejects a lone UTF-16 surrogate with the byte offset', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a": "', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('x"}', 'utf16le')]);
    try {
      decodeAll(bytes, [3]);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(EncodingError);
      expect((err as EncodingError).byteOffset).toBe(2 + 7 * 2);
    }
  });

  it('rejects a file that ends inside a character', () => {
    expect(() => decodeAll(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('["'), Buffer.from([0xe2, 0x82])]))).toThrow(/ends inside/);
    expect(() => decodeAll(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[1]', 'utf16le'), Buffer.from([0x20])]))).toThrow(/ends inside/);
  });

  it('recognises binary files and UTF-32', () => {
    expect(() => sniffEncoding(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toThrow(/ZIP/);
    expect(() => sniffEncoding(Buffer.from([0x1f, 0x8b, 8, 0]))).toThrow(/gzip/);
    expect(() => sniffEncoding(Buffer.from([0xff, 0xfe, 0, 0, 0x5b, 0, 0, 0]))).toThrow(/UTF-32/);
    expect(() => sniffEncoding(Buffer.from([1, 2, 3, 0, 0, 0, 9, 200, 0, 17]))).toThrow(BinaryContentError);
  });
});
