import { isUtf8 } from 'node:buffer';

/** Encodings casguard reads, named as `inspect` reports them. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le-bom' | 'utf-16be-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Bytes that are not text in the encoding the file declares or was detected in. */
export class EncodingError extends Error {
  constructor(
    message: string,
    readonly byteOffset: number,
  ) {
    super(message);
    this.name = 'EncodingError';
  }
}

/** A file that is not text at all; `what` names what it looks like. */
export class BinaryContentError extends Error {
  constructor(readonly what: string) {
    super(`binary content (${what}), not a text export`);
    this.name = 'BinaryContentError';
  }
}

const MAGIC: [number[], string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an Office (OLE) document'],
  [[0x4d, 0x5a], 'a Windows executable'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an ELF executable'],
];

/**
 * Decides the encoding from the first bytes: a BOM (UTF-8, UTF-16LE/BE; UTF-32 is refused), else
 * UTF-16 recognised by its zero bytes, else UTF-8 (switching to Windows-1252 later if needed).
 */
export function sniffEncoding(head: Buffer): { encoding: TextEncodingName; bomLength: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8-bom', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) {
    if (head[2] === 0 && head[3] === 0 && head.length >= 4) throw new BinaryContentError('UTF-32 text; export with -Encoding utf8');
    return { encoding: 'utf-16le-bom', bomLength: 2 };
  }
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be-bom', bomLength: 2 };
  if (head[0] === 0 && head[1] === 0 && head[2] === 0xfe && head[3] === 0xff) throw new BinaryContentError('UTF-32 text; export with -Encoding utf8');
  for (const [magic, what] of MAGIC) {
    if (magic.every((b, i) => head[i] === b)) throw new BinaryContentError(what);
  }
  const sample = head.subarray(0, 4096);
  let evenZeros = 0;
  let oddZeros = 0;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i] as number;
    if (b === 0) {
      if (i % 2 === 0) evenZeros++;
      else oddZeros++;
    } else if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) {
      controls++;
    }
  }
  const half = sample.length / 2;
  if (oddZeros > half * 0.3 && evenZeros < half * 0.05) return { encoding: 'utf-16le', bomLength: 0 };
  if (evenZeros > half * 0.3 && oddZeros < half * 0.05) return { encoding: 'utf-16be', bomLength: 0 };
  if (evenZeros + oddZeros > 0 || controls > sample.length * 0.01) throw new BinaryContentError('unreadable bytes');
  return { encoding: 'utf-8', bomLength: 0 };
}

/** Length of `buf` without a trailing incomplete UTF-8 sequence. */
function completeUtf8Length(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = buf[n - back] as number;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (the slow path, on error only). */
function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i] as number;
    const need = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (need === 0 || (need > 1 && !isUtf8(buf.subarray(i, i + need)))) return i;
    i += need;
  }
  return buf.length;
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F (Node's TextDecoder treats the two alike).
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Streaming decoder for one file. Validates strictly: bytes that are invalid for the encoding raise an
 * EncodingError with the file byte offset, except that BOM-less text which is plain ASCII up to its first
 * invalid UTF-8 byte is read as Windows-1252 from the start (what Windows PowerShell's Set-Content writes).
 */
export class ChunkDecoder {
  private pending: Buffer = Buffer.alloc(0);
  /** File offset of the next byte to decode. */
  private offset: number;
  private sawNonAscii = false;
  private current: TextEncodingName;
  /** Set once BOM-less text turned out not to be UTF-8. */
  fellBackToWindows1252 = false;

  constructor(
    readonly encoding: TextEncodingName,
    readonly bomLength: number,
  ) {
    this.current = encoding;
    this.offset = bomLength;
  }

  /** The encoding in use now (changes once from utf-8 to windows-1252 on fallback). */
  get effectiveEncoding(): TextEncodingName {
    return this.current;
  }

  decode(chunk: Buffer): string {
    const data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    switch (this.current) {
      case 'utf-8':
      case 'utf-8-bom':
        return this.decodeUtf8(data);
      case 'windows-1252':
        this.offset += data.length;
        this.pending = Buffer.alloc(0);
        return decodeWindows1252(data);
      case 'utf-16le':
      case 'utf-16le-bom':
        return this.decodeUtf16(data, false);
      case 'utf-16be':
      case 'utf-16be-bom':
        return this.decodeUtf16(data, true);
    }
  }

  /** Flushes the decoder; an unfinished character at the end of the file is an error. */
  end(): string {
    if (this.pending.length === 0) return '';
    if (this.current === 'utf-8' && !this.sawNonAscii) {
      this.switchToWindows1252();
      return this.decode(Buffer.alloc(0));
    }
    throw new EncodingError(`file ends inside a ${this.describe()} character`, this.offset);
  }

  private describe(): string {
    return this.current.startsWith('utf-16') ? 'UTF-16' : 'UTF-8';
  }

  private switchToWindows1252(): void {
    this.current = 'windows-1252';
    this.fellBackToWindows1252 = true;
  }

  private decodeUtf8(data: Buffer): string {
    const cut = completeUtf8Length(data);
    const body = cut === data.length ? data : data.subarray(0, cut);
    if (!isUtf8(body)) {
      const bad = firstInvalidUtf8(body);
      if (this.current === 'utf-8' && !this.sawNonAscii && !body.subarray(0, bad).some((b) => b >= 0x80)) {
        // Everything so far was ASCII, which reads the same in Windows-1252: switch without re-reading.
        this.switchToWindows1252();
        this.pending = Buffer.alloc(0);
        this.offset += data.length;
        return decodeWindows1252(data);
      }
      const at = this.offset + bad;
      throw new EncodingError(
        this.current === 'utf-8-bom'
          ? 'invalid UTF-8 after a UTF-8 byte-order mark'
          : 'invalid UTF-8 in a file that already contained valid UTF-8 text (corrupted or mixed encodings)',
        at,
      );
    }
    this.pending = cut === data.length ? Buffer.alloc(0) : Buffer.from(data.subarray(cut));
    this.offset += cut;
    const text = body.toString('utf8');
    if (!this.sawNonAscii && text.length !== body.length) this.sawNonAscii = true;
    return text;
  }

  private decodeUtf16(data: Buffer, bigEndian: boolean): string {
    let usable = data.length - (data.length % 2);
    // Keep a high surrogate at the end for the next chunk, where its low half is.
    if (usable >= 2) {
      const hiByte = bigEndian ? data[usable - 2] : data[usable - 1];
      if (hiByte !== undefined && hiByte >= 0xd8 && hiByte <= 0xdb) usable -= 2;
    }
    let body = data.subarray(0, usable);
    if (bigEndian) body = Buffer.from(body).swap16();
    const text = body.toString('utf16le');
    if (!(text as unknown as { isWellFormed(): boolean }).isWellFormed()) {
      const index = LONE_SURROGATE.exec(text)?.index ?? 0;
      throw new EncodingError('invalid UTF-16: an unpaired surrogate', this.offset + index * 2);
    }
    this.pending = usable === data.length ? Buffer.alloc(0) : Buffer.from(data.subarray(usable));
    this.offset += usable;
    return text;
  }
}
