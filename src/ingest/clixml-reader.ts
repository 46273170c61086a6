// Streams PowerShell CliXml (Export-Clixml, schema "http://schemas.microsoft.com/powershell/2004/04")
// into the same plain values ConvertTo-Json would give at full depth, one top-level object at a time.
// Format: MS-PSRP §2.2.5 (https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-psrp/).

import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ValueProblem } from '../normalize/values.js';

/** What the reader hands on: one top-level value with its index and the line it starts on. */
export interface CliXmlSink {
  startDocument(shape: 'array'): void;
  value(value: unknown, key: undefined, index: number, at?: { line: number; column: number }): void;
  endDocument(): void;
}

/** Malformed XML, or XML that is not PowerShell CliXml; `line`/`column` are 1-based. */
export class CliXmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    readonly tooLarge = false,
  ) {
    super(message);
    this.name = 'CliXmlError';
  }
}

// Exchange value types whose ToString is their full canonical text (what ConvertTo-Json's R flavour
// writes); their property bags lose information (an IPv6 binding's address, a size's byte count).
const TEXT_TYPES = /^(?:Deserialized\.)?Microsoft\.Exchange\.Data\.(?:IPBinding|EnhancedTimeSpan|Unlimited`1|ByteQuantifiedSize|ProtocolConnectionSettings|IPRange|IntRange|SmtpAddress|ProxyAddress|SmtpProxyAddress|CustomProxyAddress|Hostname|Fqdn|NetworkAddress|ProtocolAddress)\b/;
const LIST_TAGS = new Set(['LST', 'IE', 'STK', 'QUE']);
const NUMBER_TAGS = new Set(['I16', 'I32', 'I64', 'U16', 'U32', 'U64', 'By', 'SB', 'Db', 'Sg', 'D']);
/** Members that carry Exchange's binary rehydration data: large and of no use to an audit. */
const SKIPPED_MEMBERS = new Set(['SerializationData']);
/** Larger than any Exchange object; a larger top-level object is refused (it would hold the file in memory). */
const MAX_RECORD_CHARS = 64 * 1024 * 1024;
/** How many objects a `<Ref>` can point back to; older ones are dropped to keep memory flat. */
const MAX_REFERENCES = 20_000;

interface ObjFrame {
  tag: 'Obj';
  name: string | undefined;
  refId: string | undefined;
  type: TypeInfo | undefined;
  toString: string | undefined;
  props: Record<string, unknown> | undefined;
  list: unknown[] | undefined;
  dict: Record<string, unknown> | undefined;
  inner: unknown;
}

/** A `<TN>` type-name list, classified once however many objects share it through `<TNRef>`. */
interface TypeInfo {
  isEnum: boolean;
  /** An Exchange value type whose ToString is its whole value. */
  isText: boolean;
}

function typeInfo(names: readonly string[]): TypeInfo {
  return { isEnum: names.includes('System.Enum'), isText: names.some((t) => TEXT_TYPES.test(t)) };
}
interface TextFrame {
  tag: string;
  name: string | undefined;
  text: string;
  skip: boolean;
}
interface GroupFrame {
  tag: string;
  name: string | undefined;
  entry?: { key?: unknown; value?: unknown };
}
type Frame = ObjFrame | TextFrame | GroupFrame;

/** `_x000A_` and friends: how CliXml writes characters XML cannot hold (and a literal `_x`). */
function decodeEscapes(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** xs:duration (`PT30M`, `P1DT2H3M4.5S`, `-PT1S`) → .NET's "c" TimeSpan text (`00:30:00`), as the text exports show it. */
export function durationToTimeSpan(text: string): string | undefined {
  const m = /^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [, sign, d, h, min, s] = m;
  const seconds = Number(s ?? 0);
  let total = Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + Math.floor(seconds);
  const frac = (s ?? '').includes('.') ? (s as string).split('.')[1]?.padEnd(7, '0').slice(0, 7) : undefined;
  const days = Math.floor(total / 86400);
  total -= days * 86400;
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return `${sign ?? ''}${days ? `${days}.` : ''}${clock}${frac && Number(frac) ? `.${frac}` : ''}`;
}

function primitive(tag: string, raw: string): unknown {
  const text = decodeEscapes(raw);
  if (NUMBER_TAGS.has(tag)) {
    const t = text.trim();
    if (t === 'INF') return Infinity;
    if (t === '-INF') return -Infinity;
    return Number(t);
  }
  switch (tag) {
    case 'B':
      return text.trim() === 'true';
    case 'Nil':
    case 'SS': // a SecureString is never evidence
      return null;
    case 'C':
      return String.fromCharCode(Number(text));
    case 'TS':
      return durationToTimeSpan(text) ?? text;
    default:
      return text;
  }
}

/**
 * Reads CliXml text pushed in chunks and hands each top-level object to the sink as a plain value:
 * properties (`<Props>` and `<MS>`) become object members, lists become arrays, enums become their
 * names, Exchange value types their ToString text, back-references (`<Ref>`) the value they point to.
 */
export class CliXmlReader {
  private readonly parser = new SaxesParser<{ position: true; xmlns: false }>({ position: true, xmlns: false });
  private readonly stack: Frame[] = [];
  private readonly typeNames = new Map<string, TypeInfo>();
  private readonly references = new Map<string, unknown>();
  private index = 0;
  private recordStart = 0;
  private sawRoot = false;

  private recordLine = 1;

  /** `lineOffset`: lines the caller removed before the XML (a `#< CLIXML` marker), so lines match the file. */
  constructor(
    private readonly sink: CliXmlSink,
    private readonly lineOffset = 0,
  ) {
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('text', (text) => this.text(text));
    this.parser.on('cdata', (text) => this.text(text));
    this.parser.on('closetag', (tag) => this.close(tag.name));
    this.parser.on('error', (err) => {
      throw this.error(err.message.replace(/^[^:]*:\d+:\d+: /, ''));
    });
  }

  write(text: string): void {
    this.parser.write(text);
  }

  end(): void {
    this.parser.close();
    if (!this.sawRoot) throw this.error('no <Objs> element: not PowerShell CliXml');
  }

  private error(message: string, tooLarge = false): CliXmlError {
    return new CliXmlError(message, this.parser.line + this.lineOffset, this.parser.column + 1, tooLarge);
  }

  private open(tag: SaxesTagPlain): void {
    const name = tag.attributes.N === undefined ? undefined : decodeEscapes(tag.attributes.N);
    const parent = this.stack[this.stack.length - 1];
    if (!parent) {
      if (this.sawRoot || tag.name !== 'Objs') throw this.error(`<${tag.name}> where PowerShell CliXml has <Objs>`);
      this.sawRoot = true;
      this.sink.startDocument('array');
      this.stack.push({ tag: 'Objs', name: undefined });
      return;
    }
    if (this.stack.length === 1) {
      this.recordStart = this.parser.position;
      this.recordLine = this.parser.line + this.lineOffset;
    }
    else if (this.parser.position - this.recordStart > MAX_RECORD_CHARS) throw this.error(`object ${this.index + 1} is larger than ${MAX_RECORD_CHARS / 1024 / 1024} MB of text: not an object PowerShell exports`, true);

    switch (tag.name) {
      case 'Obj':
        this.stack.push({ tag: 'Obj', name, refId: tag.attributes.RefId, type: undefined, toString: undefined, props: undefined, list: undefined, dict: undefined, inner: undefined });
        return;
      case 'TNRef': {
        (parent as ObjFrame).type = this.typeNames.get(tag.attributes.RefId ?? '');
        this.stack.push({ tag: 'TNRef', name });
        return;
      }
      case 'Props':
      case 'MS':
        (parent as ObjFrame).props ??= Object.create(null) as Record<string, unknown>;
        this.stack.push({ tag: tag.name, name });
        return;
      case 'DCT':
        (parent as ObjFrame).dict ??= Object.create(null) as Record<string, unknown>;
        this.stack.push({ tag: tag.name, name });
        return;
      case 'En':
        this.stack.push({ tag: 'En', name, entry: {} });
        return;
      case 'TN':
        this.stack.push({ tag: 'TN', name: tag.attributes.RefId, entry: { value: [] } });
        return;
      default:
        if (LIST_TAGS.has(tag.name)) {
          (parent as ObjFrame).list ??= [];
          this.stack.push({ tag: tag.name, name });
        } else if (tag.name === 'Ref') {
          this.stack.push({ tag: 'Ref', name, text: tag.attributes.RefId ?? '', skip: false });
        } else {
          this.stack.push({ tag: tag.name, name, text: '', skip: name !== undefined && SKIPPED_MEMBERS.has(name) });
        }
    }
  }

  private text(text: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top && 'text' in top && !top.skip && top.tag !== 'Ref') {
      if (top.text.length + text.length > MAX_RECORD_CHARS) throw this.error(`a value larger than ${MAX_RECORD_CHARS / 1024 / 1024} MB of text`, true);
      top.text += text;
    }
  }

  private close(tagName: string): void {
    const frame = this.stack.pop() as Frame;
    const parent = this.stack[this.stack.length - 1];
    if (!parent) {
      this.sink.endDocument();
      return;
    }
    let value: unknown;
    if (frame.tag === 'Obj') {
      value = this.finishObj(frame as ObjFrame);
    } else if (frame.tag === 'T') {
      ((parent as GroupFrame).entry?.value as string[]).push((frame as TextFrame).text);
      return;
    } else if (frame.tag === 'TN') {
      const type = typeInfo((frame as GroupFrame).entry?.value as string[]);
      if (frame.name !== undefined) this.typeNames.set(frame.name, type);
      (parent as ObjFrame).type = type;
      return;
    } else if (frame.tag === 'ToString') {
      (parent as ObjFrame).toString = decodeEscapes((frame as TextFrame).text);
      return;
    } else if (frame.tag === 'En') {
      const entry = (frame as GroupFrame).entry ?? {};
      const dict = this.enclosingObj()?.dict;
      if (dict && entry.key !== undefined && entry.key !== null) dict[String(entry.key)] = entry.value ?? null;
      return;
    } else if (frame.tag === 'Ref') {
      const target = (frame as TextFrame).text;
      value = this.references.has(target) ? this.touch(target) : new ValueProblem('invalid', `a reference (RefId ${target}) to an object this CliXml file gave earlier, which casguard no longer holds`);
    } else if ('text' in frame) {
      if (frame.skip) return;
      value = primitive(tagName, frame.text);
    } else {
      return; // Props, MS, DCT, lists, TNRef: their children were placed as they closed
    }
    this.place(parent, frame.name, value);
  }

  /** Puts a finished value where its parent element says. */
  private place(parent: Frame, name: string | undefined, value: unknown): void {
    switch (parent.tag) {
      case 'Objs':
        this.sink.value(value, undefined, this.index++, { line: this.recordLine, column: 1 });
        if (this.references.size > MAX_REFERENCES) this.forgetOldest();
        return;
      case 'Props':
      case 'MS': {
        const props = this.enclosingObj()?.props as Record<string, unknown>;
        if (name !== undefined && !(name in props)) props[name] = value;
        return;
      }
      case 'En': {
        const entry = (parent as GroupFrame).entry as { key?: unknown; value?: unknown };
        if (name === 'Key') entry.key = value;
        else entry.value = value;
        return;
      }
      case 'Obj':
        (parent as ObjFrame).inner = value;
        return;
      default:
        if (LIST_TAGS.has(parent.tag)) this.enclosingObj()?.list?.push(value);
    }
  }

  private enclosingObj(): ObjFrame | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) if (this.stack[i]?.tag === 'Obj') return this.stack[i] as ObjFrame;
    return undefined;
  }

  private finishObj(f: ObjFrame): unknown {
    let value: unknown;
    if (f.list) value = f.list;
    else if (f.dict) value = f.dict;
    else if ((f.type?.isEnum || f.type?.isText) && f.toString !== undefined) value = f.toString;
    else if (f.inner !== undefined) value = f.inner;
    else if (f.props) value = f.props;
    else value = f.toString ?? null;
    if (f.refId !== undefined && this.stack.length > 1) this.references.set(f.refId, value);
    return value;
  }

  /** A referenced object, moved to the young end so that objects shared by every record stay. */
  private touch(refId: string): unknown {
    const value = this.references.get(refId);
    this.references.delete(refId);
    this.references.set(refId, value);
    return value;
  }

  private forgetOldest(): void {
    for (const key of this.references.keys()) {
      if (this.references.size <= MAX_REFERENCES / 2) break;
      this.references.delete(key);
    }
  }
}
