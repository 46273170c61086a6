// Protocol-log analysis: sessions grouped by server + file + sessionId (ids repeat across files and
// restarts), clients and users aggregated as sessions close, so memory follows the number of distinct
// clients, not the size of the logs. Findings follow the catalog's EXLOG rules.

import { compilePattern, type Pattern } from '../engine/pattern.js';
import type { Finding, Severity } from '../model/result.js';
import { fingerprint } from '../report/fingerprint.js';
import { compareText } from '../report/compare-text.js';
import { isInternal, isLoopback, splitEndpoint, type LogEvent } from './parse-log.js';

export type LogProtocol = 'POP3' | 'IMAP4';

/** What the file says about its events: which server wrote it, for which protocol, front or back end. */
export interface LogFileContext {
  path: string;
  server: string;
  protocol: LogProtocol;
  backend: boolean;
}

const TLS_PORTS = new Set([995, 993]);
const BACKEND_PORTS = new Set([1995, 1993]);
const MAX_LISTED = 50;

interface Session {
  file: LogFileContext;
  client: string;
  clientPort?: number;
  serverPort?: number;
  first: string;
  last: string;
  tls: boolean;
  users: UserSet;
  commands: Set<string>;
  line: number;
  /** Logon attempts: who, whether in clear (before STLS/STARTTLS on a clear port), and the result. */
  logons: { user: string; clear: boolean; ok: boolean; time: string }[];
}

/** One client address of one server and protocol: the migration list. */
export interface ClientSummary {
  server: string;
  protocol: LogProtocol;
  backend: boolean;
  client: string;
  loopback: boolean;
  external: boolean;
  sessions: number;
  first: string;
  last: string;
  users: string[];
  ports: number[];
  commands: string[];
  clearLogons: number;
  clearLogonsAccepted: number;
  logons: number;
  failedLogons: number;
}

interface ClientAcc extends Omit<ClientSummary, 'users' | 'ports' | 'commands'> {
  users: UserSet;
  /** Users whose logon succeeded (the EXLOG-002/003 evidence). */
  okUsers: UserSet;
  ports: Set<number>;
  commands: Set<string>;
  source: { path: string; line: number };
  /** Timestamps (ms) of the latest failed logons, for the password-guessing check. */
  failures: number[];
  guessing: boolean;
  successAfterGuessing: boolean;
}

/** The policy the EXLOG rules read (the pack's params). */
export interface LogPolicy {
  allowLists: Record<LogProtocol, Set<string>>;
  privileged: { names: Set<string>; patterns: Pattern[] };
  builtinAdmin: Set<string>;
  bruteForce: { failures: number; windowMs: number };
  exchangeServers: Set<string>;
}

export function logPolicy(params: Readonly<Record<string, unknown>>): LogPolicy {
  const p = params as { pop?: { allowList?: unknown }; imap?: { allowList?: unknown }; privileged?: { names?: unknown; patterns?: unknown }; builtinAdmin?: unknown; bruteForce?: { failures?: unknown; windowMinutes?: unknown }; exchangeServers?: unknown };
  const names = (v: unknown) => new Set((Array.isArray(v) ? v : []).filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase()));
  return {
    allowLists: { POP3: names(p.pop?.allowList), IMAP4: names(p.imap?.allowList) },
    privileged: { names: names(p.privileged?.names), patterns: (Array.isArray(p.privileged?.patterns) ? p.privileged.patterns : []).filter((x): x is string => typeof x === 'string').map(compilePattern) },
    builtinAdmin: names(p.builtinAdmin),
    bruteForce: { failures: typeof p.bruteForce?.failures === 'number' ? p.bruteForce.failures : 10, windowMs: (typeof p.bruteForce?.windowMinutes === 'number' ? p.bruteForce.windowMinutes : 10) * 60_000 },
    exchangeServers: names(p.exchangeServers),
  };
}

/** Users by bare name: `svc-scanner` (from USER) and `CORP\\svc-scanner` (the user column) are one account, shown in the longer form. */
class UserSet {
  private readonly byBare = new Map<string, string>();

  add(user: string): void {
    const slash = user.lastIndexOf('\\');
    const bare = (slash < 0 ? user : user.slice(slash + 1)).toLowerCase();
    const known = this.byBare.get(bare);
    if (known === undefined || user.length > known.length) this.byBare.set(bare, user);
  }

  get size(): number {
    return this.byBare.size;
  }

  values(): string[] {
    return [...this.byBare.values()];
  }
}

/** The names a logged user is known by: `DOMAIN\user`, `user@domain` and the bare name. */
function userNames(user: string): string[] {
  const u = user.toLowerCase();
  const bare = u.includes('\\') ? (u.split('\\').pop() as string) : u;
  return [u, bare, bare.split('@')[0] as string];
}

const LOGON = /^(pass|login|auth|authenticate)$/i;
const CLEAR_MECHANISMS = /^(plain|login)\b/i;

function isOk(context: string): boolean {
  return /(^|;)\s*R="?\+?ok\b/i.test(context);
}

function userFromParameters(command: string, parameters: string): string {
  if (/^(user|login)$/i.test(command)) return parameters.trim().split(/\s+/)[0] ?? '';
  return '';
}

export class LogAnalysis {
  private readonly open = new Map<string, Session>();
  private readonly clients = new Map<string, ClientAcc>();
  private readonly users = new Map<string, { clients: Set<string>; protocols: Set<LogProtocol>; logons: number }>();
  private readonly serverAddresses = new Set<string>();
  readonly servers = new Map<string, { protocols: Set<LogProtocol>; files: number; events: number }>();
  events = 0;
  sessions = 0;

  constructor(
    private readonly policy: LogPolicy,
    private readonly window: { from?: number; to?: number } = {},
  ) {}

  file(file: LogFileContext): void {
    let s = this.servers.get(file.server);
    if (!s) this.servers.set(file.server, (s = { protocols: new Set(), files: 0, events: 0 }));
    s.protocols.add(file.protocol);
    s.files++;
  }

  /** One event of a file; `line` for evidence. */
  event(file: LogFileContext, e: LogEvent, line: number): void {
    if (this.window.from !== undefined || this.window.to !== undefined) {
      const t = Date.parse(e.time);
      if ((this.window.from !== undefined && t < this.window.from) || (this.window.to !== undefined && t > this.window.to)) return;
    }
    this.events++;
    (this.servers.get(file.server) as { events: number }).events++;
    const key = `${file.path}\u0000${e.sessionId}`;
    let s = this.open.get(key);
    if (!s) {
      const client = splitEndpoint(e.clientEndpoint);
      const server = splitEndpoint(e.serverEndpoint);
      if (server.address) this.serverAddresses.add(server.address);
      s = { file, client: client.address, ...(client.port !== undefined ? { clientPort: client.port } : {}), ...(server.port !== undefined ? { serverPort: server.port } : {}), first: e.time, last: e.time, tls: false, users: new UserSet(), commands: new Set(), logons: [], line };
      this.open.set(key, s);
    }
    s.last = e.time;
    const command = e.command.trim().toLowerCase();
    if (command) s.commands.add(command);
    const user = e.user || userFromParameters(command, e.parameters);
    if (user) s.users.add(user);
    if (command === 'stls' || command === 'starttls') s.tls = true;
    const clearPort = s.serverPort === undefined || (!TLS_PORTS.has(s.serverPort) && !BACKEND_PORTS.has(s.serverPort));
    const logon = LOGON.test(command) && (command === 'pass' || command === 'login' || CLEAR_MECHANISMS.test(e.parameters.trim()) || command === 'auth' || command === 'authenticate');
    if (logon) {
      const mechanismClear = command === 'pass' || command === 'login' || CLEAR_MECHANISMS.test(e.parameters.trim());
      s.logons.push({ user: user || s.users.values().pop() || '', clear: mechanismClear && clearPort && !s.tls && !file.backend, ok: isOk(e.context), time: e.time });
    }
    if (command === 'closesession') this.close(key, s);
  }

  /** Ends every session still open (the end of the logs, or a file cut off mid-session). */
  finish(): void {
    for (const [key, s] of this.open) this.close(key, s);
  }

  private close(key: string, s: Session): void {
    this.open.delete(key);
    this.sessions++;
    const ckey = `${s.file.server}\u0000${s.file.protocol}\u0000${s.file.backend}\u0000${s.client}`;
    let c = this.clients.get(ckey);
    if (!c) {
      c = {
        server: s.file.server,
        protocol: s.file.protocol,
        backend: s.file.backend,
        client: s.client,
        loopback: isLoopback(s.client),
        external: !isInternal(s.client),
        sessions: 0,
        first: s.first,
        last: s.last,
        users: new UserSet(),
        okUsers: new UserSet(),
        ports: new Set(),
        commands: new Set(),
        clearLogons: 0,
        clearLogonsAccepted: 0,
        logons: 0,
        failedLogons: 0,
        source: { path: s.file.path, line: s.line },
        failures: [],
        guessing: false,
        successAfterGuessing: false,
      };
      this.clients.set(ckey, c);
    }
    c.sessions++;
    if (s.first < c.first) c.first = s.first;
    if (s.last > c.last) c.last = s.last;
    if (s.serverPort !== undefined) c.ports.add(s.serverPort);
    for (const cmd of s.commands) if (c.commands.size < MAX_LISTED) c.commands.add(cmd);
    for (const u of s.users.values()) if (c.users.size < MAX_LISTED) c.users.add(u);
    for (const l of s.logons) {
      c.logons++;
      if (l.clear) {
        c.clearLogons++;
        if (l.ok) c.clearLogonsAccepted++;
      }
      if (!l.ok) {
        c.failedLogons++;
        const t = Date.parse(l.time);
        c.failures.push(t);
        if (c.failures.length > this.policy.bruteForce.failures) c.failures.shift();
        if (c.failures.length >= this.policy.bruteForce.failures && t - (c.failures[0] as number) <= this.policy.bruteForce.windowMs) c.guessing = true;
      } else {
        if (c.guessing) c.successAfterGuessing = true;
        if (l.user && c.okUsers.size < MAX_LISTED) c.okUsers.add(l.user);
      }
      if (l.user) {
        let u = this.users.get(l.user.toLowerCase());
        if (!u) this.users.set(l.user.toLowerCase(), (u = { clients: new Set(), protocols: new Set(), logons: 0 }));
        if (u.clients.size < MAX_LISTED) u.clients.add(s.client);
        u.protocols.add(s.file.protocol);
        if (l.ok) u.logons++;
      }
    }
  }

  clientList(): ClientSummary[] {
    return [...this.clients.values()]
      .map(({ source: _s, failures: _f, guessing: _g, successAfterGuessing: _a, okUsers: _o, ...c }) => ({ ...c, users: c.users.values().sort(compareText), ports: [...c.ports].sort((a, b) => a - b), commands: [...c.commands].sort(compareText) }))
      .sort((a, b) => compareText(a.server, b.server) || compareText(a.protocol, b.protocol) || Number(a.backend) - Number(b.backend) || compareText(a.client, b.client));
  }

  userList(): { user: string; protocols: LogProtocol[]; clients: string[]; logons: number }[] {
    return [...this.users].map(([user, u]) => ({ user, protocols: [...u.protocols].sort(), clients: [...u.clients].sort(compareText), logons: u.logons })).sort((a, b) => compareText(a.user, b.user));
  }

  /** The EXLOG findings (fail, or one pass per rule when nothing was seen). */
  findings(): Finding[] {
    const out: Finding[] = [];
    const add = (ruleId: string, severity: Severity, identity: string, server: string, message: string, source: { path: string; line: number }, remediation?: string) =>
      out.push({ ruleId, verdict: 'fail', severity, kind: 'ProtocolLog', identity, server, message, ...(remediation ? { remediation } : {}), fingerprint: fingerprint(ruleId, 'ProtocolLog', identity, undefined), source: { path: source.path, pointer: `line ${source.line}` } });
    const outside = new Map<string, { server: string; where: string; user: string; clients: string[]; more?: number; source: { path: string; line: number } }>();
    const privileged = (user: string) => {
      const names = userNames(user);
      if (names.includes('administrator') || names.some((n) => this.policy.builtinAdmin.has(n) || this.policy.privileged.names.has(n))) return true;
      return this.policy.privileged.patterns.some((p) => names.some((n) => p.test(n)));
    };
    for (const c of this.clients.values()) {
      const where = `${c.protocol}${c.backend ? ' backend' : ''} on ${c.server}`;
      const id = `${c.server}/${c.protocol}${c.backend ? 'BE' : ''}/${c.client}`;
      if (c.clearLogons > 0) {
        add('EXLOG-001', c.clearLogonsAccepted > 0 ? 'critical' : 'high', id, c.server, `${c.client} sent passwords in clear to ${where}: ${c.clearLogons} logon${c.clearLogons === 1 ? '' : 's'} before any STLS/STARTTLS (${c.clearLogonsAccepted} accepted), users ${c.users.values().join(', ') || '(unknown)'}, ${c.first} to ${c.last}`, c.source, `# manual step: configure the client at ${c.client} to use ${c.protocol === 'POP3' ? '995' : '993'} (or STARTTLS), require SecureLogin on ${c.server}, and reset the passwords of ${c.users.values().join(', ') || 'its users'}`);
      }
      if (c.guessing) add('EXLOG-004', c.successAfterGuessing ? 'high' : 'medium', id, c.server, `${c.client} failed ${c.failedLogons} logons to ${where}${c.successAfterGuessing ? ', then one succeeded' : ''}: a password-guessing pattern`, c.source, `# manual step: block ${c.client}, and limit MaxConnectionFromSingleIP on ${c.server}`);
      if (c.external && !c.backend) add('EXLOG-005', 'info', id, c.server, `${c.client}, an address outside the private ranges, connects to ${where} (${c.sessions} sessions)`, c.source);
      if (c.backend && !c.loopback && !this.serverAddresses.has(c.client) && !this.policy.exchangeServers.has(c.client)) {
        add('EXLOG-006', 'medium', id, c.server, `${c.client}, not an Exchange server seen in the logs, connects to the ${c.protocol} backend on ${c.server} directly`, c.source, `# manual step: allow the backend ports (1995/1993) on ${c.server} only from the Exchange servers`);
      }
      for (const u of c.okUsers.values()) {
        if (privileged(u)) add('EXLOG-002', c.clearLogons > 0 ? 'critical' : 'high', `${id}/${u}`, c.server, `privileged account ${u} logs on to ${where} from ${c.client}`, c.source, `# manual step: block POP3/IMAP4 for ${u} (Set-CASMailbox) and investigate ${c.client}`);
        else if (!c.loopback && !userNames(u).some((n) => this.policy.allowLists[c.protocol].has(n))) {
          // One finding per mailbox and server, whatever the number of addresses it comes from.
          const key = `${c.server}/${c.protocol}${c.backend ? 'BE' : ''}/${u}`;
          let o = outside.get(key);
          if (!o) outside.set(key, (o = { server: c.server, where, user: u, clients: [], source: c.source }));
          if (o.clients.length < 10) o.clients.push(c.client);
          else o.more = (o.more ?? 0) + 1;
        }
      }
    }
    for (const [key, o] of outside) add('EXLOG-003', 'medium', key, o.server, `${o.user} logs on to ${o.where} from ${o.clients.join(', ')}${o.more ? ` and ${o.more} more addresses` : ''} but is not in the allow-list`, o.source);
    return out.sort((a, b) => compareText(a.ruleId, b.ruleId) || compareText(a.identity, b.identity));
  }
}
