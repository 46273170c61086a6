// Reads `Format-List` text (`Get-PopSettings | fl`, as pasted from the Exchange Management Shell) into
// records of string values, the form the text exports already take. The text is lossy: PowerShell cuts
// long values with `...` and lists after $FormatEnumerationLimit items, and such values become unknown.

import { ValueProblem } from '../normalize/values.js';
import type { CliXmlSink } from './clixml-reader.js';

/** A line that is neither `Name : Value`, a continuation, a blank nor a prompt, once records began. */
export class FormatListError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'FormatListError';
  }
}

const PROMPT = /^(?:\[PS\]\s*|PS\s+)[A-Za-z]:\\[^>]*>/;
const KEY_LINE = /^([A-Za-z_][\w.-]*)\s*:(?: (.*))?$/;
/** Larger than any Format-List record; more lines without a blank one are not a console paste. */
const MAX_RECORD_LINES = 100_000;

/** True for a console prompt line such as `[PS] C:\Windows\system32>Get-PopSettings | fl`. */
export function isPromptLine(line: string): boolean {
  return PROMPT.test(line);
}

const CUT = (what: string) => new ValueProblem('cut', `cut short with "..." in the Format-List text (${what})`);

/** One Format-List value: `{a, b}` lists, empty for null, and `...` endings as unknown. */
export function formatListValue(text: string): unknown {
  const v = text.trim();
  if (v === '') return null;
  if (v.startsWith('{') && v.endsWith('}')) {
    const inner = v.slice(1, -1).trim();
    if (inner === '') return [];
    if (inner.endsWith('...')) return CUT('a list longer than $FormatEnumerationLimit shows');
    return inner.split(/,\s+/).map((item) => item.trim());
  }
  if (v.endsWith('...')) return CUT('a value wider than the console');
  return v;
}

/** Splits pushed text into lines and lines into records, handing each record to the sink. */
export class FormatListReader {
  private partial = '';
  private lineNumber = 0;
  private index = 0;
  private started = false;
  private record: Record<string, string> | undefined;
  private lines = 0;
  private lastKey: string | undefined;
  private recordLine = 1;
  /** Lines before the first record that were skipped (a banner, a "Creating a new session" line). */
  skippedLines = 0;

  constructor(private readonly sink: CliXmlSink) {
    sink.startDocument('array');
  }

  write(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.line(line);
  }

  end(): void {
    if (this.partial !== '') this.line(this.partial);
    this.partial = '';
    this.flush();
    this.sink.endDocument();
  }

  private line(raw: string): void {
    this.lineNumber++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '' || isPromptLine(line)) {
      this.flush();
      return;
    }
    const key = KEY_LINE.exec(line);
    if (key) {
      const name = key[1] as string;
      // A name seen twice in one record: the blank line between two records was lost in the paste.
      if (this.record && Object.hasOwn(this.record, name)) this.flush();
      if (!this.record) {
        this.record = Object.create(null) as Record<string, string>;
        this.recordLine = this.lineNumber;
      }
      this.record[name] = key[2] ?? '';
      this.lastKey = name;
      this.started = true;
      if (++this.lines > MAX_RECORD_LINES) throw new FormatListError(`more than ${MAX_RECORD_LINES} lines without a blank line: not Format-List output`, this.lineNumber);
      return;
    }
    if (/^\s/.test(line) && this.record && this.lastKey !== undefined) {
      // A value wider than the console goes on, indented, on the next line; the break falls anywhere,
      // so the parts are joined as they are (a paste that dropped a trailing space loses it).
      const before = this.record[this.lastKey] as string;
      const next = line.replace(/^\s+/, '');
      this.record[this.lastKey] = before.endsWith(',') ? `${before} ${next}` : before + next;
      return;
    }
    if (!this.started) {
      this.skippedLines++;
      return;
    }
    throw new FormatListError(`not a "Name : Value" line of Format-List output ('${line.trim().slice(0, 40)}')`, this.lineNumber);
  }

  private flush(): void {
    if (!this.record) return;
    const out = Object.create(null) as Record<string, unknown>;
    for (const [name, text] of Object.entries(this.record)) out[name] = formatListValue(text);
    this.record = undefined;
    this.lastKey = undefined;
    this.lines = 0;
    this.sink.value(out, undefined, this.index++, { line: this.recordLine, column: 1 });
  }
}
