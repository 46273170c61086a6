// How Exchange Server applies client access rules to one connection, in three-valued logic. The EXCAR
// rules (scan) and `casguard simulate` both read rules through this module, so they cannot disagree.
// Semantics (learn.microsoft.com/exchange/clients/client-access-rules/client-access-rules, "Client Access
// Rule components" and "conditions and exceptions"): rules are evaluated in priority order and the first
// rule whose conditions match, and none of whose exceptions match, decides; conditions are AND-ed, the
// values of one condition OR-ed, exceptions OR-ed; a connection no rule decides is allowed. On Exchange
// Server only ExchangeAdminCenter and RemotePowerShell are controlled.

import { BlockList, isIP } from 'node:net';
import type { CanonicalRecord } from '../model/records.js';
import { compareText } from '../report/compare-text.js';
import { readList, readOptionalList, readStrings, readValue } from './evidence.js';
import { compileWildcard } from './pattern.js';
import { allOf, anyOf, not, Unknown, type Tri } from './tri.js';

/** The only protocols client access rules control on Exchange Server. */
export const HONOURED_PROTOCOLS = ['ExchangeAdminCenter', 'RemotePowerShell'] as const;
export type HonouredProtocol = (typeof HONOURED_PROTOCOLS)[number];
/** Authentication types each honoured protocol can use (Test-ClientAccessRule documentation). */
export const PROTOCOL_AUTH: Readonly<Record<HonouredProtocol, readonly string[]>> = {
  ExchangeAdminCenter: ['AdfsAuthentication', 'BasicAuthentication'],
  RemotePowerShell: ['BasicAuthentication', 'NonBasicAuthentication'],
};

/** Conditions only some Exchange versions have (source ports on 2013, group membership on later ones): absent means none. */
const VERSION_SPECIFIC = new Set(['AnyOfSourceTcpPortNumbers', 'ExceptAnyOfSourceTcpPortNumbers', 'UserIsMemberOf', 'ExceptUserIsMemberOf']);

/** A condition or exception list, read the same way everywhere (cut off = unknown, version-specific absent = none). */
export function readCondition(r: CanonicalRecord, key: string): readonly unknown[] | Unknown {
  return VERSION_SPECIFIC.has(key) ? readOptionalList(r, key) : readList(r, key);
}

/** Client access rules work on Exchange 2019 (15.2) and later only. */
export function runsClientAccessRules(server: CanonicalRecord): boolean {
  return /^15\.[2-9]\.|^1[6-9]\./.test(String(server.props.AdminDisplayVersion ?? ''));
}

export function enabled(r: CanonicalRecord): Tri {
  const v = readValue(r, 'Enabled');
  return v instanceof Unknown ? v : v === true ? true : v === false ? false : new Unknown(`Enabled of "${r.identity}" is not true or false`);
}

export function isAction(r: CanonicalRecord, action: 'AllowAccess' | 'DenyAccess'): Tri {
  const v = readValue(r, 'Action');
  return v instanceof Unknown ? v : v === action;
}

export const priority = (r: CanonicalRecord): number => (typeof r.props.Priority === 'number' ? r.props.Priority : Number.POSITIVE_INFINITY);

/** Rules in evaluation order: ascending Priority, ties by Name. */
export function evaluationOrder(records: readonly CanonicalRecord[]): CanonicalRecord[] {
  return [...records].sort((a, b) => priority(a) - priority(b) || compareText(a.identity, b.identity));
}

function includes(list: readonly string[] | Unknown, item: string): Tri {
  return list instanceof Unknown ? list : list.some((v) => v.toLowerCase() === item.toLowerCase());
}

/** The rule's protocol condition and exception admit `protocol` (no AnyOfProtocols = both honoured protocols). */
export function protocolMatches(r: CanonicalRecord, protocol: string): Tri {
  const any = readStrings(r, 'AnyOfProtocols');
  const empty: Tri = any instanceof Unknown ? any : any.length === 0;
  return allOf(anyOf(empty, includes(any, protocol)), not(includes(readStrings(r, 'ExceptAnyOfProtocols'), protocol)));
}

/** One connection, as Test-ClientAccessRule describes it; a property left out is unknown. */
export interface Connection {
  protocol: HonouredProtocol;
  ip?: string;
  user?: string;
  auth?: string;
  port?: number;
}

/** A three-valued check with the words that explain it. */
interface Check {
  t: Tri;
  why: string;
}

/** Is `ip` in one of `ranges` (single addresses, `a-b` ranges, CIDR; IPv4 and IPv6)? */
export function ipInRanges(ip: string, ranges: readonly string[]): boolean {
  const family = isIP(ip);
  if (!family) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const list = new BlockList();
  for (const raw of ranges) {
    const range = raw.trim();
    try {
      const cidr = /^(.+)\/(\d{1,3})$/.exec(range);
      const dash = /^([^-]+)-([^-]+)$/.exec(range);
      if (cidr && isIP(cidr[1] as string) === family) list.addSubnet(cidr[1] as string, Number(cidr[2]), type);
      else if (dash && isIP((dash[1] as string).trim()) === family && isIP((dash[2] as string).trim()) === family) list.addRange((dash[1] as string).trim(), (dash[2] as string).trim(), type);
      else if (isIP(range) === family) list.addAddress(range, type);
    } catch {
      // A range Exchange would have refused (prefix too long, bounds reversed) matches nothing.
    }
  }
  return list.check(ip, type);
}

/** Is `port` in one of `ranges` (`443`, `1000-2000`)? */
function portInRanges(port: number, ranges: readonly string[]): boolean {
  return ranges.some((raw) => {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(raw);
    return m ? port >= Number(m[1]) && port <= Number(m[2] ?? m[1]) : false;
  });
}

const list = (values: readonly string[]) => values.join(', ');

/**
 * One condition (or exception) property against the connection: `none` when the rule has no such
 * condition, else whether the connection matches one of its values, or unknown with the reason.
 */
function conditionCheck(r: CanonicalRecord, key: string, c: Connection): Check | 'none' {
  const raw = readCondition(r, key);
  if (raw instanceof Unknown) return { t: raw, why: raw.reason };
  const values = raw.map((v) => String(v));
  if (values.length === 0) return 'none';
  const base = key.replace(/^Except/, '');
  const within = (hit: boolean, what: string) => ({ t: hit, why: `${key} ${list(values)} ${hit ? 'includes' : 'does not include'} ${what}` });
  switch (base) {
    case 'AnyOfProtocols':
      return within(values.some((v) => v.toLowerCase() === c.protocol.toLowerCase()), c.protocol);
    case 'AnyOfClientIPAddressesOrRanges':
      if (c.ip === undefined) return { t: new Unknown(`depends on the client IP address (${key} ${list(values)})`), why: '' };
      return within(ipInRanges(c.ip, values), c.ip);
    case 'AnyOfAuthenticationTypes':
      if (c.auth === undefined) return { t: new Unknown(`depends on the authentication type (${key} ${list(values)})`), why: '' };
      return within(values.some((v) => v.toLowerCase() === c.auth?.toLowerCase()), c.auth);
    case 'UsernameMatchesAnyOfPatterns': {
      if (c.user === undefined) return { t: new Unknown(`depends on the user name (${key} ${list(values)})`), why: '' };
      const user = c.user;
      const hit = values.some((p) => compileWildcard(p).test(user));
      return { t: hit, why: `${key} ${list(values)} ${hit ? 'matches' : 'does not match'} ${user}` };
    }
    case 'AnyOfSourceTcpPortNumbers':
      if (c.port === undefined) return { t: new Unknown(`depends on the client's source port (${key} ${list(values)})`), why: '' };
      return within(portInRanges(c.port, values), String(c.port));
    case 'UserIsMemberOf':
      return { t: new Unknown(`depends on group membership of ${list(values)} (${key}), which the exports do not hold`), why: '' };
    default:
      return { t: new Unknown(`${key} is not a condition casguard knows`), why: '' };
  }
}

const CONDITION_KEYS = ['AnyOfProtocols', 'AnyOfClientIPAddressesOrRanges', 'AnyOfAuthenticationTypes', 'UsernameMatchesAnyOfPatterns', 'AnyOfSourceTcpPortNumbers', 'UserIsMemberOf'];
const EXCEPTION_KEYS = CONDITION_KEYS.map((k) => `Except${k}`);

/** How one rule treats a connection. */
export interface RuleMatch {
  /** The rule decides the connection (true), lets it pass to the next rule (false), or it cannot be told. */
  applies: Tri;
  /** Why: the condition that failed, the exception that matched, or what the decision depends on. */
  reason: string;
  outcome: 'disabled' | 'no-match' | 'excepted' | 'matches' | 'depends';
}

/** Whether `r` decides connection `c` (enabled, every condition matches, no exception matches). */
export function matchRule(r: CanonicalRecord, c: Connection): RuleMatch {
  const on = enabled(r);
  if (on === false) return { applies: false, outcome: 'disabled', reason: 'disabled' };
  const unknowns: string[] = [];
  if (on instanceof Unknown) unknowns.push(on.reason);
  // Scope Users covers end-user connections, Scope All end users and middle-tier apps: a person connecting matches either.
  const scope = readValue(r, 'Scope');
  if (scope instanceof Unknown && r.unreadable.Scope) unknowns.push(scope.reason);
  const matched: string[] = [];
  for (const key of CONDITION_KEYS) {
    const check = key === 'AnyOfProtocols' ? protocolCondition(r, c) : conditionCheck(r, key, c);
    if (check === 'none') continue;
    if (check.t === false) return { applies: false, outcome: 'no-match', reason: check.why };
    if (check.t instanceof Unknown) unknowns.push(check.t.reason);
    else matched.push(check.why);
  }
  for (const key of EXCEPTION_KEYS) {
    const check = conditionCheck(r, key, c);
    if (check === 'none') continue;
    if (check.t === true) return { applies: false, outcome: 'excepted', reason: check.why };
    if (check.t instanceof Unknown) unknowns.push(`exception ${check.t.reason}`);
  }
  const filter = readValue(r, 'UserRecipientFilter');
  if (filter instanceof Unknown ? Boolean(r.unreadable.UserRecipientFilter) : typeof filter === 'string' && filter.trim() !== '') {
    unknowns.push(filter instanceof Unknown ? filter.reason : `depends on whether the user matches the recipient filter ${filter}, which the exports cannot tell`);
  }
  if (unknowns.length) return { applies: new Unknown(unknowns.join('; ')), outcome: 'depends', reason: unknowns.join('; ') };
  return { applies: true, outcome: 'matches', reason: matched.length ? matched.join('; ') : 'it has no conditions' };
}

/** AnyOfProtocols with Exchange Server's default: no protocol named = both honoured protocols. */
function protocolCondition(r: CanonicalRecord, c: Connection): Check | 'none' {
  const any = readStrings(r, 'AnyOfProtocols');
  if (any instanceof Unknown) return { t: any, why: any.reason };
  if (any.length === 0) return 'none';
  const hit = includes(any, c.protocol) as boolean;
  return { t: hit, why: `AnyOfProtocols ${list(any)} ${hit ? 'includes' : 'does not include'} ${c.protocol}` };
}

/** One rule's part in a simulation. */
export interface SimulationStep {
  rule: string;
  priority: number | null;
  action: string;
  outcome: RuleMatch['outcome'];
  reason: string;
}

export interface Simulation {
  /** `depends` when the exports cannot tell (group membership, a recipient filter, unreadable evidence). */
  decision: 'allowed' | 'blocked' | 'depends';
  /** The rule that decides, when one certainly does. */
  decidedBy?: string;
  reason: string;
  steps: SimulationStep[];
}

/**
 * Evaluates `rules` for connection `c` as Exchange does. A rule that may or may not apply makes the
 * result depend on it, unless every way it can go ends in the same decision.
 */
export function simulate(rules: readonly CanonicalRecord[], c: Connection): Simulation {
  const steps: SimulationStep[] = [];
  const possible = new Set<'allowed' | 'blocked'>();
  const depends: string[] = [];
  let decider: { rule: string; reason: string } | undefined;
  for (const r of evaluationOrder(rules)) {
    const m = matchRule(r, c);
    const action = readValue(r, 'Action');
    const actionText = action instanceof Unknown ? 'unknown action' : String(action);
    steps.push({ rule: r.identity, priority: typeof r.props.Priority === 'number' ? r.props.Priority : null, action: actionText, outcome: m.outcome, reason: m.reason });
    if (m.applies === false) continue;
    const verdict = action === 'AllowAccess' ? 'allowed' : action === 'DenyAccess' ? 'blocked' : undefined;
    if (verdict) possible.add(verdict);
    else {
      possible.add('allowed').add('blocked');
      depends.push(`the action of "${r.identity}" (${action instanceof Unknown ? action.reason : actionText})`);
    }
    if (m.applies === true) {
      decider = { rule: r.identity, reason: m.reason };
      break;
    }
    // Whether this rule applies is unknown: its action and whatever the later rules decide are both possible.
    depends.push(`"${r.identity}": ${m.reason}`);
  }
  // A connection that passes every rule is allowed.
  if (!decider) possible.add('allowed');
  const by = decider ? ` by "${decider.rule}" (${decider.reason})` : ' (no rule matches; a connection no rule matches is allowed)';
  if (possible.size === 1) {
    const [decision] = [...possible] as ['allowed' | 'blocked'];
    const reason = `${decision}${by}${depends.length ? `, whichever way ${depends.join(' and ')} goes` : ''}`;
    return { decision, ...(decider && depends.length === 0 ? { decidedBy: decider.rule } : {}), reason, steps };
  }
  return { decision: 'depends', reason: `allowed or blocked: it depends on ${depends.join('; and on ')}`, steps };
}
