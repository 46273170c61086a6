import { findDuplicateKey } from './duplicate-keys.js';
import { findJsonError } from './json-error-position.js';


/** How the values of one top-level JSON document are laid out. */
export type DocumentShape = 'array' | 'object' | 'container' | 'scalar';

/** Receives the pieces of a JSON stream as the splitter finds them. */
export interface SplitterSink {
  /** A top-level document starts; `firstKey` is set for objects. */
  startDocument(shape: DocumentShape, firstKey?: string): void;
  /**
   * One parsed JSON value: an element of a top-level array (`key` undefined), an element of an array
   * held by a container member (`key` set), a non-array container member (`index` -1), or the whole
   * document for `object` / `scalar` shapes. `offset` is its character offset in the decoded text.
   */
  value(value: unknown, key: string | undefined, index: number, offset: number): void;
  endDocument(): void;
  /** A container member that is an array starts (so an empty list still says which kind it holds). */
  containerArray?(key: string): void;
  /** A key appears twice in one object (JSON.parse kept the last value). */
  duplicateKey?(key: string, offset: number): void;
}

/** Decides from its first key whether a top-level object is a container to stream into. */
export type ContainerTest = (firstKey: string) => boolean;

const enum C {
  Quote = 0x22,
  Backslash = 0x5c,
  Comma = 0x2c,
  Colon = 0x3a,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
  OpenBracket = 0x5b,
  CloseBracket = 0x5d,
  Space = 0x20,
  Tab = 0x09,
  Lf = 0x0a,
  Cr = 0x0d,
  Bom = 0xfeff,
}

const enum State {
  Top,
  ArrayFirst,
  ArrayElement,
  ArrayNext,
  ObjectFirstKey,
  ObjectKey,
  ObjectColon,
  ObjectValue,
  ObjectNext,
  Value,
}

/** Runs of non-bracket text and complete strings (escapes included), matched from a fixed position. */
const SKIP_TO_BRACKET = /(?:[^"{}[\]]+|"[^"\\]*(?:\\[\s\S][^"\\]*)*")*/y;

const INDENT = /^[ \t]*$/;

function isSpace(c: number): boolean {
  return c === C.Space || c === C.Lf || c === C.Cr || c === C.Tab || c === C.Bom;
}

/**
 * Splits a stream of JSON text into the values casguard parses one by one, so a file of any size is
 * read with memory bounded by its largest record. Handles several concatenated documents (a per-server
 * loop appending with `>>`), top-level arrays, and container objects (the PS 5.1 `{"value":[...]}`
 * wrapper, bundle files) whose array members are streamed too. Each value is returned as text for
 * `JSON.parse`, which validates it; the splitter only tracks strings and nesting to find boundaries.
 */
export class JsonSplitter {
  private buf = '';
  /** Absolute character offset of buf[0] in the whole decoded text. */
  private base = 0;
  private pos = 0;
  private state: State = State.Top;
  /** What to return to after the current value / array ends. */
  private afterValue: State = State.Top;
  private inContainer = false;
  private key: string | undefined;
  private index = 0;
  /** Start of the current value (or pending property name) in buf, or -1. */
  private valueStart = -1;
  /** Absolute offset of the current value's first character. */
  private valueOffset = 0;
  /** Text of the current value that arrived in earlier chunks. */
  private carry = '';
  private valueInString = false;
  private valueDepth = 0;
  private valueIsComposite = false;
  /** Consecutive misses of the indentation fast path; past a few it is switched off for this input. */
  private indentMisses = 0;
  /** Values still to check for duplicate keys (the first ones of the file: cheap, and enough to notice). */
  private duplicateChecks = 64;

  constructor(
    private readonly sink: SplitterSink,
    private readonly isContainer: ContainerTest,
    private readonly maxValueChars = 64 * 1024 * 1024,
  ) {}

  /** Feed the next piece of decoded text. */
  write(text: string): void {
    if (this.state === State.Value && this.valueStart >= 0) {
      // Carry only the unfinished value: concatenating whole chunks would make V8 flatten a
      // megabyte-sized string again for every chunk.
      this.carry += this.buf.slice(this.valueStart);
      this.valueStart = 0;
      this.base += this.buf.length;
      this.buf = text;
      this.pos = 0;
      if (this.carry.length > this.maxValueChars) {
        throw new JsonSyntaxError(
          `a single JSON value is larger than ${Math.round(this.maxValueChars / 1048576)}M characters; casguard streams arrays of records, not one huge object`,
          this.valueOffset,
          true,
        );
      }
    } else if (this.valueStart >= 0) {
      // A property name cut by the chunk boundary (rare): keep its text in front of the new chunk.
      this.buf = this.buf.slice(this.valueStart) + text;
      this.base += this.valueStart;
      this.pos -= this.valueStart;
      this.valueStart = 0;
    } else {
      this.base += this.buf.length;
      this.buf = text;
      this.pos = 0;
    }
    this.run();
  }

  /** Signal end of input; throws if a value or document was cut off. */
  end(): void {
    if (this.state === State.Value && !this.valueIsComposite && this.valueStart >= 0) {
      // A bare scalar document (e.g. `null`) ends at end of input.
      this.finishValue(this.buf.length);
      this.run();
    }
    if (this.state !== State.Top) {
      throw new JsonSyntaxError(
        'unexpected end of file: the JSON is truncated (the export was cut off or is still being written)',
        this.base + this.buf.length,
      );
    }
  }

  private run(): void {
    const buf = this.buf;
    const len = buf.length;
    while (this.pos < len) {
      if (this.state === State.Value) {
        if (!this.scanValue()) return;
        continue;
      }
      const c = buf.charCodeAt(this.pos);
      if (isSpace(c)) {
        this.pos++;
        continue;
      }
      switch (this.state) {
        case State.Top:
          this.startDocument(c);
          break;
        case State.ArrayFirst:
          if (c === C.CloseBracket) {
            this.pos++;
            this.closeArray();
          } else {
            this.beginValue(c, State.ArrayNext);
          }
          break;
        case State.ArrayElement:
          this.beginValue(c, State.ArrayNext);
          break;
        case State.ArrayNext:
          if (c === C.Comma) {
            this.pos++;
            this.index++;
            this.state = State.ArrayElement;
          } else if (c === C.CloseBracket) {
            this.pos++;
            this.closeArray();
          } else {
            throw this.unexpected(c, "',' or ']' between array elements");
          }
          break;
        case State.ObjectFirstKey:
          if (c === C.CloseBrace) {
            // `{}` — an object with no properties; let the recogniser say what it is.
            this.pos++;
            this.sink.value({}, undefined, 0, this.base + this.pos - 2);
            this.endDocument();
          } else if (c === C.Quote) {
            if (!this.readFirstKey()) return;
          } else {
            throw this.unexpected(c, 'a property name');
          }
          break;
        case State.ObjectKey:
          if (c !== C.Quote) throw this.unexpected(c, 'a property name');
          if (!this.readKey()) return;
          break;
        case State.ObjectColon:
          if (c !== C.Colon) throw this.unexpected(c, "':' after a property name");
          this.pos++;
          this.state = State.ObjectValue;
          break;
        case State.ObjectValue:
          if (c === C.OpenBracket) {
            this.pos++;
            this.index = 0;
            this.state = State.ArrayFirst;
            if (this.key !== undefined) this.sink.containerArray?.(this.key);
          } else {
            this.index = -1;
            this.beginValue(c, State.ObjectNext);
          }
          break;
        case State.ObjectNext:
          if (c === C.Comma) {
            this.pos++;
            this.state = State.ObjectKey;
          } else if (c === C.CloseBrace) {
            this.pos++;
            this.inContainer = false;
            this.key = undefined;
            this.endDocument();
          } else {
            throw this.unexpected(c, "',' or '}' between properties");
          }
          break;
      }
    }
  }

  private startDocument(c: number): void {
    this.index = 0;
    this.key = undefined;
    if (c === C.OpenBracket) {
      this.pos++;
      this.sink.startDocument('array');
      this.state = State.ArrayFirst;
    } else if (c === C.OpenBrace) {
      // Decide after the first key whether this is a record or a container to stream into.
      this.valueStart = this.pos;
      this.pos++;
      this.state = State.ObjectFirstKey;
    } else {
      this.sink.startDocument('scalar');
      this.beginValue(c, State.Top);
    }
  }

  /** Reads the first key of a top-level object without consuming it; returns false if more text is needed. */
  private readFirstKey(): boolean {
    const end = this.findStringEnd(this.pos + 1);
    if (end < 0) return false;
    const firstKey = this.parseString(this.pos, end + 1);
    if (this.isContainer(firstKey)) {
      this.sink.startDocument('container', firstKey);
      this.inContainer = true;
      this.valueStart = -1;
      this.state = State.ObjectKey;
      return true;
    }
    this.sink.startDocument('object', firstKey);
    // Rewind to the `{` and take the whole object as one value.
    this.pos = this.valueStart;
    this.valueStart = -1;
    this.beginValue(C.OpenBrace, State.Top);
    return true;
  }

  private readKey(): boolean {
    const end = this.findStringEnd(this.pos + 1);
    if (end < 0) {
      this.valueStart = this.pos; // keep the partial key across chunks
      return false;
    }
    this.key = this.parseString(this.pos, end + 1);
    this.valueStart = -1;
    this.pos = end + 1;
    this.state = State.ObjectColon;
    return true;
  }

  private parseString(start: number, end: number): string {
    try {
      return JSON.parse(this.buf.slice(start, end)) as string;
    } catch {
      throw new JsonSyntaxError('invalid property name', this.base + start);
    }
  }

  private beginValue(c: number, after: State): void {
    if (c === C.CloseBracket || c === C.CloseBrace || c === C.Comma || c === C.Colon) {
      throw this.unexpected(c, 'a value');
    }
    this.afterValue = after;
    this.valueStart = this.pos;
    this.valueOffset = this.base + this.pos;
    this.valueDepth = 0;
    this.valueInString = false;
    this.valueIsComposite = c === C.OpenBrace || c === C.OpenBracket;
    this.state = State.Value;
    if (this.valueIsComposite && this.indentMisses < 8) this.tryIndentedEnd();
  }

  /**
   * Fast path for pretty-printed exports (PowerShell always indents unless -Compress): a value opened at
   * some indentation closes on the first line holding only that indentation and the closing bracket.
   * The guess is checked by JSON.parse, and a slice that parses is necessarily the whole value (a wrong
   * end would leave it truncated or followed by extra text), so a miss only costs a fallback to scanning.
   */
  private tryIndentedEnd(): void {
    const buf = this.buf;
    const start = this.valueStart;
    const lineStart = buf.lastIndexOf('\n', start - 1) + 1;
    if (lineStart === 0 && this.base > 0) return;
    const indent = buf.slice(lineStart, start);
    if (!INDENT.test(indent)) return;
    const closer = buf.charCodeAt(start) === C.OpenBrace ? '}' : ']';
    const at = buf.indexOf(`\n${indent}${closer}`, start);
    if (at < 0) return;
    const end = at + indent.length + 2;
    let value: unknown;
    try {
      value = JSON.parse(buf.slice(start, end));
    } catch {
      this.indentMisses++;
      return;
    }
    this.indentMisses = 0;
    this.emitValue(value, end, () => buf.slice(start, end));
  }

  /** Advances through the current value; returns false when the buffer ends first. */
  private scanValue(): boolean {
    const buf = this.buf;
    const len = buf.length;
    let i = this.pos;
    if (!this.valueIsComposite) {
      const first = this.carry.length > 0 ? this.carry.charCodeAt(0) : buf.charCodeAt(this.valueStart);
      if (first === C.Quote) {
        const end = this.findStringEnd(this.carry.length > 0 ? i : Math.max(i, this.valueStart + 1));
        if (end < 0) {
          this.pos = len;
          return false;
        }
        this.finishValue(end + 1);
        return true;
      }
      for (; i < len; i++) {
        const c = buf.charCodeAt(i);
        if (isSpace(c) || c === C.Comma || c === C.CloseBracket || c === C.CloseBrace) {
          this.finishValue(i);
          return true;
        }
      }
      this.pos = len;
      return false;
    }
    let depth = this.valueDepth;
    if (this.valueInString) {
      const end = this.findStringEnd(i);
      if (end < 0) {
        this.pos = len;
        return false;
      }
      this.valueInString = false;
      i = end + 1;
    }
    // One native regex step consumes everything up to the next bracket, whole strings included, so the
    // per-character work happens in V8's regex engine rather than in a JavaScript loop.
    for (;;) {
      SKIP_TO_BRACKET.lastIndex = i;
      SKIP_TO_BRACKET.test(buf);
      i = SKIP_TO_BRACKET.lastIndex;
      if (i >= len) break;
      const c = buf.charCodeAt(i);
      if (c === C.Quote) {
        // A string that continues in the next chunk.
        const end = this.findStringEnd(i + 1);
        if (end >= 0) throw new Error('splitter: string end missed by the skip pattern');
        this.valueInString = true;
        break;
      }
      if (c === C.OpenBrace || c === C.OpenBracket) {
        depth++;
      } else if (--depth === 0) {
        this.finishValue(i + 1);
        return true;
      }
      i++;
    }
    this.valueDepth = depth;
    this.pos = len;
    return false;
  }

  /** Index of the closing quote of a string whose content starts at `from`, or -1 if not in the buffer. */
  private findStringEnd(from: number): number {
    const buf = this.buf;
    let j = buf.indexOf('"', from);
    while (j >= 0) {
      let k = j - 1;
      while (k >= 0 && buf.charCodeAt(k) === C.Backslash) k--;
      let backslashes = j - 1 - k;
      if (k < 0 && this.carry.length > 0) {
        let m = this.carry.length - 1;
        while (m >= 0 && this.carry.charCodeAt(m) === C.Backslash) m--;
        backslashes += this.carry.length - 1 - m;
      }
      if (backslashes % 2 === 0) return j;
      j = buf.indexOf('"', j + 1);
    }
    return -1;
  }

  private finishValue(end: number): void {
    const text = this.carry + this.buf.slice(this.valueStart, end);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      const found = findJsonError(text) ?? { offset: 0, message: (err as Error).message };
      throw new JsonSyntaxError(describeParseError(found.message, text, found.offset), this.valueOffset + found.offset);
    }
    this.emitValue(value, end, () => text);
  }

  private emitValue(value: unknown, end: number, text: () => string): void {
    const offset = this.valueOffset;
    if (this.duplicateChecks > 0 && typeof value === 'object' && value !== null) {
      this.duplicateChecks--;
      const dup = findDuplicateKey(text());
      if (dup) this.sink.duplicateKey?.(dup.key, offset + dup.offset);
    }
    this.valueStart = -1;
    this.carry = '';
    this.pos = end;
    const after = this.afterValue;
    if (after === State.Top) {
      this.sink.value(value, undefined, 0, offset);
      this.endDocument();
      return;
    }
    this.sink.value(value, this.key, this.index, offset);
    this.state = after;
  }

  private closeArray(): void {
    if (this.inContainer) {
      this.state = State.ObjectNext;
    } else {
      this.endDocument();
    }
  }

  private endDocument(): void {
    this.state = State.Top;
    this.sink.endDocument();
  }

  private unexpected(c: number, expected: string): JsonSyntaxError {
    const shown = c < 0x20 ? `\\u${c.toString(16).padStart(4, '0')}` : String.fromCharCode(c);
    return new JsonSyntaxError(`unexpected '${shown}' where ${expected} was expected`, this.base + this.pos);
  }
}

/** The validator's message with a short excerpt of the text around the error. */
function describeParseError(message: string, text: string, at: number): string {
  const near = text.slice(Math.max(0, at - 20), at + 20).replace(/\s+/g, ' ').trim();
  return near ? `${message} near '${near}'` : message;
}

/** A JSON structure problem at a character offset of the decoded text; the caller adds the file and line. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly tooLarge = false,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}
