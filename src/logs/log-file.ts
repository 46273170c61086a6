// One protocol log file read line by line: its headers, its column layout, and what it says about the
// server and protocol it belongs to. Problems are warnings with the line number; the rest is still read.

import { DEFAULT_FIELDS, eventReader, splitCsvLine, splitEndpoint, type LogEvent } from './parse-log.js';
import type { LogFileContext, LogProtocol } from './analyse.js';

const PROTOCOL_DIR = /^(pop3|imap4)(be)?$/i;
/** Folders of an Exchange installation between a server's name and its log folder. */
const INSTALL_DIRS = /^(logging|v15|exchange server|microsoft|program files|exchange)$/i;

/** What the path says: `EX01/Pop3/POP32026112008-1.LOG` → server EX01, POP3, front end. */
export function contextFromPath(path: string): { server?: string; protocol?: LogProtocol; backend: boolean } {
  const parts = path.split(/[\\/]/).filter(Boolean);
  const name = parts.at(-1) ?? '';
  const dirs = parts.slice(0, -1);
  const fromName = /^(POP3|IMAP4)(BE)?/i.exec(name);
  const dirIndex = dirs.findLastIndex((d) => PROTOCOL_DIR.test(d));
  const fromDir = dirIndex >= 0 ? PROTOCOL_DIR.exec(dirs[dirIndex] as string) : null;
  const proto = (fromName?.[1] ?? fromDir?.[1])?.toUpperCase() as LogProtocol | undefined;
  let server: string | undefined;
  for (let i = (dirIndex >= 0 ? dirIndex : dirs.length) - 1; i >= 0; i--) {
    if (!INSTALL_DIRS.test(dirs[i] as string)) {
      server = dirs[i];
      break;
    }
  }
  return { ...(server && dirIndex >= 0 ? { server } : {}), ...(proto ? { protocol: proto } : {}), backend: Boolean(fromName?.[2] || fromDir?.[2]) };
}

export class LogFile {
  private read: ((cells: readonly string[]) => LogEvent) | undefined;
  private width = 0;
  private headerSeen = false;
  private protocolFromHeader: LogProtocol | undefined;
  readonly warnings: string[] = [];
  private badLines = 0;
  private context: LogFileContext | undefined;

  constructor(private readonly path: string) {}

  /** Reads one line; returns the event, or undefined for headers, blank and bad lines. */
  line(text: string, n: number): LogEvent | undefined {
    if (text.trim() === '') return undefined;
    if (text.startsWith('#')) {
      const m = /^#([\w-]+):\s*(.*)$/.exec(text);
      if (m?.[1]?.toLowerCase() === 'fields') {
        const fields = (m[2] ?? '').split(',').map((f) => f.trim());
        this.read = eventReader(fields);
        this.width = fields.length;
        this.headerSeen = true;
        if (!this.read) this.warn(n, `the #Fields header names no dateTime, sessionId, sIp and cIp columns: the file is not read`);
      } else if (m?.[1]?.toLowerCase() === 'log-type') {
        const p = /\b(POP3|IMAP4)\b/i.exec(m[2] ?? '');
        if (p) this.protocolFromHeader = p[1]?.toUpperCase() as LogProtocol;
      }
      return undefined;
    }
    const cells = splitCsvLine(text);
    if (!this.headerSeen) {
      // A plain header row, or lines pasted without any header: read with the 2013+ layout.
      this.headerSeen = true;
      if (cells && /^date-?time$/i.test(cells[0]?.trim() ?? '')) {
        this.read = eventReader(cells);
        this.width = cells.length;
        return undefined;
      }
      this.read = eventReader(DEFAULT_FIELDS);
      this.width = 0;
      this.warn(n, 'no #Fields header: the lines are read with the Exchange 2013+ layout (dateTime,sessionId,seqNumber,sIp,cIp,user,…)');
    }
    if (!this.read) return undefined;
    // Exchange 2016+ lines end with a comma (one field more than #Fields), 2013 lines may have one less.
    if (!cells || !/^\d{4}-\d{2}-\d{2}T/.test(cells[0] ?? '') || (this.width > 0 && Math.abs(cells.length - this.width) > 1)) {
      this.bad(n, cells ? `${cells.length} fields where ${this.width || DEFAULT_FIELDS.length} were expected` : 'a quoted field is not closed (the line is cut off)');
      return undefined;
    }
    if (text.includes('\uFFFD')) this.warn(n, 'bytes that are not UTF-8 (shown as �): the line is read as it is');
    return this.read(cells);
  }

  /** The server, protocol and end the file belongs to, from its path, its headers and its first event. */
  contextFor(first: LogEvent): LogFileContext {
    if (this.context) return this.context;
    const fromPath = contextFromPath(this.path);
    const server = splitEndpoint(first.serverEndpoint);
    const protocol = this.protocolFromHeader ?? fromPath.protocol ?? (server.port === 110 || server.port === 995 || server.port === 1995 ? 'POP3' : 'IMAP4');
    const backend = fromPath.backend || server.port === 1995 || server.port === 1993;
    this.context = { path: this.path, server: fromPath.server ?? server.address ?? 'unknown', protocol, backend };
    return this.context;
  }

  private warn(n: number, message: string): void {
    this.warnings.push(`line ${n}: ${message}`);
  }

  private bad(n: number, why: string): void {
    this.badLines++;
    if (this.badLines <= 5) this.warn(n, `skipped: ${why}`);
    else if (this.badLines === 6) this.warnings.push('more lines skipped (only the first five are listed)');
  }

  /** Lines skipped because they could not be read. */
  get skipped(): number {
    return this.badLines;
  }
}
