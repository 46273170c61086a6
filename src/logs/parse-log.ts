// Exchange POP3/IMAP4 protocol log lines: `#Software`/`#Version`/`#Log-type`/`#Date`/`#Fields` headers,
// then CSV lines. Columns are mapped by name from `#Fields`: the 2013+ layout
// (dateTime,sessionId,seqNumber,sIp,cIp,user,duration,rqsize,rpsize,command,parameters,context[,puid]) and
// the older endpoint/event layout (date-time,connector-id,session-id,sequence-number,local-endpoint,
// remote-endpoint,event,data,context).

/** One log event, in the 2013+ vocabulary whatever the file's layout. */
export interface LogEvent {
  time: string;
  sessionId: string;
  serverEndpoint: string;
  clientEndpoint: string;
  user: string;
  command: string;
  parameters: string;
  context: string;
}

/** The 2013+ layout, used for lines that come without a `#Fields` header (with a warning). */
export const DEFAULT_FIELDS = ['dateTime', 'sessionId', 'seqNumber', 'sIp', 'cIp', 'user', 'duration', 'rqsize', 'rpsize', 'command', 'parameters', 'context', 'puid'];

/** Splits one CSV line: fields separated by commas, quoted fields with doubled quotes inside. Undefined when a quote is left open. */
export function splitCsvLine(line: string): string[] | undefined {
  // Most lines quote nothing: a plain split is several times faster than walking characters.
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) return undefined;
  out.push(field);
  return out;
}

/** Maps the columns of a `#Fields` header to a function building events; undefined for an unknown layout. */
export function eventReader(fields: readonly string[]): ((cells: readonly string[]) => LogEvent) | undefined {
  const at = (...names: string[]) => {
    for (const n of names) {
      const i = fields.findIndex((f) => f.trim().toLowerCase() === n.toLowerCase());
      if (i >= 0) return i;
    }
    return -1;
  };
  const cell = (cells: readonly string[], i: number) => (i >= 0 ? (cells[i] ?? '') : '');
  const time = at('dateTime', 'date-time');
  const session = at('sessionId', 'session-id');
  const sIp = at('sIp', 'local-endpoint');
  const cIp = at('cIp', 'remote-endpoint');
  if (time < 0 || session < 0 || sIp < 0 || cIp < 0) return undefined;
  const user = at('user');
  const command = at('command');
  const parameters = at('parameters');
  const data = at('data');
  const context = at('context');
  return (cells) => {
    let cmd = cell(cells, command);
    let params = cell(cells, parameters);
    if (command < 0 && data >= 0) {
      // The older layout keeps the client's line in `data`: the first word is the command.
      const d = cell(cells, data).trim();
      const space = d.indexOf(' ');
      cmd = space < 0 ? d : d.slice(0, space);
      params = space < 0 ? '' : d.slice(space + 1);
    }
    return { time: cell(cells, time), sessionId: cell(cells, session), serverEndpoint: cell(cells, sIp), clientEndpoint: cell(cells, cIp), user: cell(cells, user), command: cmd, parameters: params, context: cell(cells, context) };
  };
}

/** `10.0.0.1:110` / `[2001:db8::1]:993` / `2001:db8::1:993` → address (lower-case, IPv4-mapped IPv6 unwrapped) and port. */
export function splitEndpoint(endpoint: string): { address: string; port: number | undefined } {
  const e = endpoint.trim();
  let address = e;
  let port: number | undefined;
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(e);
  if (bracket) {
    address = bracket[1] as string;
    port = bracket[2] ? Number(bracket[2]) : undefined;
  } else {
    const last = e.lastIndexOf(':');
    const colons = e.split(':').length - 1;
    if (last > 0 && (colons === 1 || colons > 2) && /^\d+$/.test(e.slice(last + 1))) {
      // IPv4:port, or an IPv6 address written without brackets followed by :port.
      const head = e.slice(0, last);
      if (colons === 1 || head.includes('::') || head.split(':').length === 8) {
        address = head;
        port = Number(e.slice(last + 1));
      }
    }
  }
  address = address.toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
  return { address, port };
}

/** Loopback: 127.0.0.0/8 and ::1 (Managed Availability's health probes connect there). */
export function isLoopback(address: string): boolean {
  return /^127\./.test(address) || address === '::1';
}

/** Private, loopback and link-local ranges (RFC 1918, RFC 4193, RFC 3927/4291): not an external client. */
export function isInternal(address: string): boolean {
  if (isLoopback(address)) return true;
  const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(address);
  if (v4) {
    const a = Number(v4[1]);
    const b = Number(v4[2]);
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  return /^(fc|fd)[0-9a-f]{2}:/.test(address) || /^fe[89ab][0-9a-f]:/.test(address);
}
