// Client access rules (catalog section C): the rule list evaluated in priority order, in three-valued
// logic. A condition list cut off by the depth limit is unknown, never "no conditions"; a rule whose
// evidence is unknown gives `error`, and so does every verdict that depends on it.

import type { CanonicalRecord } from '../../model/records.js';
import type { Fix } from '../../model/fix.js';
import type { Severity } from '../../model/result.js';
import { quotePowerShell } from '../../powershell/quote.js';
import { enabled, evaluationOrder, HONOURED_PROTOCOLS, isAction, priority, PROTOCOL_AUTH, protocolMatches, readCondition, runsClientAccessRules } from '../client-access-match.js';
import { readStrings, readValue } from '../evidence.js';
import { allOf, isUnknown, not, Unknown, type Tri } from '../tri.js';
import { command, fixOf, SWITCH, Word } from './fix-builder.js';
import type { CollectionFunction, CollectionInput, Outcome } from './types.js';

const CONDITIONS = ['AnyOfClientIPAddressesOrRanges', 'AnyOfAuthenticationTypes', 'UsernameMatchesAnyOfPatterns', 'UserRecipientFilter', 'AnyOfSourceTcpPortNumbers', 'UserIsMemberOf'];
const EXCEPTIONS = ['ExceptAnyOfClientIPAddressesOrRanges', 'ExceptAnyOfAuthenticationTypes', 'ExceptUsernameMatchesAnyOfPatterns', 'ExceptAnyOfProtocols', 'ExceptAnyOfSourceTcpPortNumbers', 'ExceptUserIsMemberOf'];
const SUPPORTED: readonly string[] = HONOURED_PROTOCOLS;
const VALID_AUTH: Readonly<Record<string, readonly string[]>> = PROTOCOL_AUTH;
const SAFEGUARD_NAME = 'Always Allow Remote PowerShell';

const named = (r: CanonicalRecord) => quotePowerShell(r.identity);

function includes(list: readonly string[] | Unknown, item: string): Tri {
  return list instanceof Unknown ? list : list.includes(item);
}

/** No condition and no exception (each list readable and empty): the rule matches every connection of its protocols. */
export function unconditional(r: CanonicalRecord): Tri {
  return allOf(...[...CONDITIONS, ...EXCEPTIONS].map((k): Tri => {
    const v = readCondition(r, k);
    return v instanceof Unknown ? v : v.length === 0;
  }));
}

/** Scope All (or not set). */
function scopeAll(r: CanonicalRecord): Tri {
  const s = r.props.Scope;
  if (r.unreadable.Scope) return readValue(r, 'Scope') as Unknown;
  return s === undefined || s === null || s === '' || s === 'All';
}

/** The rule can match a remote PowerShell connection (its protocol condition and exception admit it). */
export function rpsCapable(r: CanonicalRecord): Tri {
  return protocolMatches(r, 'RemotePowerShell');
}

/** The rule applies to both protocols Exchange Server honours (no protocol condition, or both named). */
function allHonouredProtocols(r: CanonicalRecord): Tri {
  const any = readStrings(r, 'AnyOfProtocols');
  return any instanceof Unknown ? any : any.length === 0 || SUPPORTED.every((p) => any.includes(p));
}

/** The lock-out safeguard: an unconditional AllowAccess rule for RemotePowerShell with Scope All (enabled or not). */
function safeguardShape(r: CanonicalRecord): Tri {
  return allOf(isAction(r, 'AllowAccess'), includes(readStrings(r, 'AnyOfProtocols'), 'RemotePowerShell'), unconditional(r), scopeAll(r));
}



interface RuleSet {
  rules: CanonicalRecord[];
  /** Rules that are (or may be) enabled, in evaluation order. */
  live: CanonicalRecord[];
  /** The lowest priority number present: where the safeguard belongs. */
  lowest: number | undefined;
}

function analyse(input: CollectionInput): RuleSet {
  const rules = evaluationOrder(input.records.get('ClientAccessRule') ?? []);
  let lowest: number | undefined;
  for (const r of rules) if (typeof r.props.Priority === 'number' && (lowest === undefined || r.props.Priority < lowest)) lowest = r.props.Priority;
  return { rules, live: rules.filter((r) => enabled(r) !== false), lowest };
}

/** The first rule that is certainly an enabled safeguard, or why that cannot be told. */
function enabledSafeguard(set: RuleSet): CanonicalRecord | undefined | Unknown {
  let unknown: Unknown | undefined;
  for (const r of set.live) {
    const t = allOf(enabled(r), safeguardShape(r));
    if (t === true) return r;
    if (isUnknown(t)) unknown ??= t;
  }
  return unknown;
}

/** Enabled deny rules that can match remote PowerShell (true), and the reason when one cannot be told. */
function rpsDenies(set: RuleSet): { denies: CanonicalRecord[]; unknown?: Unknown } {
  const denies: CanonicalRecord[] = [];
  let unknown: Unknown | undefined;
  for (const r of set.live) {
    const t = allOf(enabled(r), isAction(r, 'DenyAccess'), rpsCapable(r));
    if (t === true) denies.push(r);
    else if (isUnknown(t)) unknown ??= t;
  }
  return unknown ? { denies, unknown } : { denies };
}

/** A name no exported rule has (Microsoft: -Name is unique). */
function freeName(set: RuleSet): string {
  const taken = new Set(set.rules.map((r) => r.identity.toLowerCase()));
  if (!taken.has(SAFEGUARD_NAME.toLowerCase())) return SAFEGUARD_NAME;
  for (let i = 2; ; i++) if (!taken.has(`${SAFEGUARD_NAME} ${i}`.toLowerCase())) return `${SAFEGUARD_NAME} ${i}`;
}

/**
 * Puts a safeguard first: the existing one (whatever its name) is enabled and moved to the lowest priority
 * present, which puts it above every rule (Exchange renumbers the others); without one, a new rule is
 * created there. Priority 0 is the top; a new rule without -Priority goes last.
 */
function safeguardFix(set: RuleSet): Fix {
  const existing = set.rules.find((r) => safeguardShape(r) === true);
  if (existing) {
    const args = {
      Identity: existing.identity,
      Enabled: enabled(existing) === true ? undefined : true,
      Priority: set.lowest !== undefined && priority(existing) !== set.lowest ? set.lowest : undefined,
    };
    if (args.Enabled === undefined && args.Priority === undefined) {
      return fixOf([], [`"${existing.identity}" shares the top priority with another rule: give it a priority of its own below every other (see the priority findings), then re-export`]);
    }
    return fixOf([command('Set-ClientAccessRule', args)]);
  }
  return fixOf([command('New-ClientAccessRule', { Name: freeName(set), Action: new Word('AllowAccess'), AnyOfProtocols: new Word('RemotePowerShell'), Priority: set.lowest })]);
}

function base(r: CanonicalRecord): Pick<Outcome, 'identity' | 'name' | 'record'> {
  return { identity: r.identity, name: r.identity, record: r };
}

const describeRule = (r: CanonicalRecord) => `"${r.identity}" (priority ${String(r.props.Priority ?? 'missing')})`;
const kinds = () => ['ClientAccessRule' as const];
const noOptions = { type: 'object', additionalProperties: false };

/** An error outcome: the verdict depends on evidence that could not be read. */
function unknownOutcome(o: Omit<Outcome, 'verdict'>, why: Unknown): Outcome {
  return { ...o, verdict: 'error', detail: why.reason };
}

/** Client access rules only work on Exchange 2019 or later; without a server export that is assumed. */
function precondition(input: CollectionInput): string | undefined {
  return clientAccessRulesApply(input) ? undefined : 'no exported server runs Exchange 2019 or later, where client access rules work (see EXCAR-011)';
}

/** The conditions a rule has (names), or why they cannot be read. */
function conditionsOf(r: CanonicalRecord): string[] | Unknown {
  const out: string[] = [];
  for (const k of [...CONDITIONS, ...EXCEPTIONS]) {
    const v = readCondition(r, k);
    if (v instanceof Unknown) return v;
    if (v.length) out.push(k);
  }
  const scope = scopeAll(r);
  if (isUnknown(scope)) return scope;
  if (!scope) out.push(`Scope ${String(r.props.Scope)}`);
  return out;
}

/** Trims a protocol or authentication-type list to the values that can match; a list left empty is a decision. */
function trimmed(r: CanonicalRecord, key: string, keep: (v: string) => boolean, emptied: string): { arg?: string[]; manual?: string; removed: string[] } | Unknown {
  const list = readStrings(r, key);
  if (list instanceof Unknown) return list;
  const removed = list.filter((v) => !keep(v));
  if (removed.length === 0) return { removed };
  const kept = list.filter(keep);
  return kept.length ? { arg: kept, removed } : { manual: emptied, removed };
}

export const CLIENT_ACCESS_RULE_FUNCTIONS: Record<string, CollectionFunction> = {
  clientAccessRuleSafeguard: {
    description: 'EXCAR-001: an enabled, unconditional AllowAccess RemotePowerShell rule holds the lowest priority present.',
    optionsSchema: noOptions,
    kinds,
    precondition,
    evaluate(input) {
      const set = analyse(input);
      const identity = 'ClientAccessRule';
      const o = { identity, field: 'Priority', expected: `an enabled, unconditional AllowAccess rule for RemotePowerShell at priority ${set.lowest ?? 0}` };
      if (set.rules.length === 0) {
        return [{ ...o, verdict: 'fail', severity: 'low', actual: 'no client access rules', detail: 'none exists yet; create the safeguard before the first rule', fix: safeguardFix(set) }];
      }
      const { denies } = rpsDenies(set);
      const severity: Severity = denies.length > 0 ? 'critical' : 'high';
      const detail = denies.length > 0 ? `deny rules that can match remote PowerShell: ${denies.map(describeRule).join(', ')}` : 'no rule guarantees remote PowerShell access';
      for (const r of set.live) {
        const t = allOf(enabled(r), safeguardShape(r));
        if (t === true) return [{ ...o, ...base(r), identity, verdict: 'pass', actual: `${describeRule(r)} is evaluated first` }];
        if (isUnknown(t)) return [unknownOutcome({ ...o, ...base(r), identity, actual: `first rule ${describeRule(r)}` }, t)];
        return [{ ...o, ...base(r), identity, verdict: 'fail', severity, actual: `the first rule is ${describeRule(r)}, an ${String(r.props.Action)} rule that is not an unconditional RemotePowerShell allow rule`, detail, fix: safeguardFix(set) }];
      }
      return [{ ...o, verdict: 'fail', severity, actual: 'every rule is disabled', detail, fix: safeguardFix(set) }];
    },
  },

  clientAccessRuleSafeguardDisabled: {
    description: 'EXCAR-002: a safeguard rule exists but is disabled, and no enabled safeguard exists.',
    optionsSchema: noOptions,
    kinds,
    precondition,
    evaluate(input) {
      const set = analyse(input);
      const active = enabledSafeguard(set);
      const severity: Severity = rpsDenies(set).denies.length > 0 ? 'critical' : 'high';
      const out: Outcome[] = [];
      for (const r of set.rules) {
        if (enabled(r) === true) continue;
        const o = { ...base(r), severity, field: 'Enabled', expected: 'true, or another enabled safeguard', actual: `disabled safeguard ${describeRule(r)}` };
        const disabledSafeguard = allOf(not(enabled(r)), safeguardShape(r));
        if (disabledSafeguard === false) continue;
        if (isUnknown(disabledSafeguard)) out.push(unknownOutcome(o, disabledSafeguard));
        else if (active instanceof Unknown) out.push(unknownOutcome(o, active));
        else if (active) out.push({ ...o, verdict: 'pass', detail: `"${active.identity}" is enabled` });
        else out.push({ ...o, verdict: 'fail', fix: fixOf([command('Set-ClientAccessRule', { Identity: r.identity, Enabled: true, Priority: set.lowest !== undefined && priority(r) !== set.lowest ? set.lowest : undefined })]) });
      }
      return out.length ? out : [{ identity: 'ClientAccessRule', verdict: 'not_applicable', detail: 'no disabled safeguard rule' }];
    },
  },

  clientAccessRuleSafeguardConditioned: {
    description: 'EXCAR-003: the top-priority enabled AllowAccess rule for RemotePowerShell has no conditions and Scope All.',
    optionsSchema: noOptions,
    kinds,
    precondition,
    evaluate(input) {
      const set = analyse(input);
      for (const r of set.live) {
        const t = allOf(enabled(r), isAction(r, 'AllowAccess'), includes(readStrings(r, 'AnyOfProtocols'), 'RemotePowerShell'));
        if (t === false) continue;
        const o = { ...base(r), field: 'AnyOfClientIPAddressesOrRanges', expected: 'no conditions or exceptions, Scope All' };
        if (isUnknown(t)) return [unknownOutcome({ ...o, actual: `cannot tell whether ${describeRule(r)} is the top remote PowerShell allow rule` }, t)];
        const conditions = conditionsOf(r);
        if (conditions instanceof Unknown) return [unknownOutcome(o, conditions)];
        return [conditions.length ? { ...o, field: conditions[0] as string, verdict: 'fail', actual: conditions.join(', '), fix: safeguardFix(set) } : { ...o, verdict: 'pass', actual: 'no conditions' }];
      }
      return [{ identity: 'ClientAccessRule', verdict: 'not_applicable', detail: 'no enabled AllowAccess rule for RemotePowerShell' }];
    },
  },

  clientAccessRuleBlanketDeny: {
    description: 'EXCAR-004: enabled DenyAccess rules that name no protocol (or both ExchangeAdminCenter and RemotePowerShell) and have no condition: they match every connection.',
    optionsSchema: noOptions,
    kinds,
    precondition,
    evaluate(input) {
      const set = analyse(input);
      const safeguards = set.rules.filter((r) => allOf(enabled(r), safeguardShape(r)) === true);
      const out: Outcome[] = [];
      for (const r of set.live) {
        const deny = allOf(enabled(r), isAction(r, 'DenyAccess'));
        if (deny === false) continue;
        const beforeAll = safeguards.every((s) => priority(r) < priority(s));
        const o = { ...base(r), severity: (beforeAll ? 'critical' : 'high') as Severity, field: 'AnyOfProtocols', expected: 'a condition or exception' };
        const blanket = allOf(deny, allHonouredProtocols(r), unconditional(r));
        if (isUnknown(blanket)) out.push(unknownOutcome({ ...o, actual: describeRule(r) }, blanket));
        else if (blanket) out.push({ ...o, verdict: 'fail', actual: `no condition for ${describeProtocols(r)}`, fix: fixOf([command('Set-ClientAccessRule', { Identity: r.identity, Enabled: false })], ['redesign the rule with conditions or exceptions before enabling it again']) });
        else out.push({ ...o, verdict: 'pass', actual: `conditioned, or limited to ${describeProtocols(r)}` });
      }
      return out.length ? out : [{ identity: 'ClientAccessRule', verdict: 'not_applicable', detail: 'no enabled DenyAccess rules' }];
    },
  },

  clientAccessRuleDenyBeforeSafeguard: {
    description: 'EXCAR-005: no enabled DenyAccess rule that can match RemotePowerShell is evaluated before the safeguard.',
    optionsSchema: noOptions,
    kinds,
    precondition,
    evaluate(input) {
      const set = analyse(input);
      const { denies, unknown } = rpsDenies(set);
      const safeguard = enabledSafeguard(set);
      const out: Outcome[] = [];
      for (const r of denies) {
        const o = { ...base(r), field: 'Priority', expected: safeguard && !(safeguard instanceof Unknown) ? `after ${describeRule(safeguard)}` : 'after an enabled "Always Allow Remote PowerShell" rule' };
        if (safeguard instanceof Unknown) {
          out.push(unknownOutcome({ ...o, actual: `priority ${String(r.props.Priority)}` }, safeguard));
          continue;
        }
        const before = !safeguard || priority(r) < priority(safeguard);
        out.push({ ...o, verdict: before ? 'fail' : 'pass', actual: `${describeRule(r)}${safeguard ? '' : ', and no enabled safeguard rule exists'}`, ...(before ? { fix: safeguardFix(set) } : {}) });
      }
      if (unknown) {
        for (const r of set.live) {
          const t = allOf(enabled(r), isAction(r, 'DenyAccess'), rpsCapable(r));
          if (isUnknown(t)) out.push(unknownOutcome({ ...base(r), field: 'Priority', expected: 'after the safeguard', actual: describeRule(r) }, t));
        }
      }
      return out.length ? out : [{ identity: 'ClientAccessRule', verdict: 'not_applicable', detail: 'no enabled DenyAccess rule can match remote PowerShell' }];
    },
  },

  clientAccessRuleProtocolsSupported: {
    description: 'EXCAR-006: AnyOfProtocols and ExceptAnyOfProtocols name only ExchangeAdminCenter and RemotePowerShell.',
    optionsSchema: noOptions,
    kinds,
    precondition,
    evaluate(input) {
      return analyse(input).rules.map((r): Outcome => {
        const o = { ...base(r), field: 'AnyOfProtocols', expected: 'only ExchangeAdminCenter and RemotePowerShell' };
        const supported = (p: string) => SUPPORTED.includes(p);
        const any = trimmed(r, 'AnyOfProtocols', supported, `"${r.identity}" names only protocols Exchange Server does not control, so it never applies here. Remove it (Remove-ClientAccessRule -Identity ${named(r)}) once nobody relies on it; clearing AnyOfProtocols instead would make it apply to every protocol`);
        const except = trimmed(r, 'ExceptAnyOfProtocols', supported, `the exceptions of "${r.identity}" name only unsupported protocols, which never match here: clear them in the Exchange admin center or leave them`);
        if (any instanceof Unknown) return unknownOutcome(o, any);
        if (except instanceof Unknown) return unknownOutcome(o, except);
        const removed = [...any.removed, ...except.removed];
        if (removed.length === 0) return { ...o, verdict: 'pass', actual: describeProtocols(r) };
        const args = { Identity: r.identity, AnyOfProtocols: any.arg, ExceptAnyOfProtocols: except.arg };
        const manual = [any.manual, except.manual].filter((m): m is string => !!m);
        return { ...o, verdict: 'fail', actual: removed.join(', '), fix: fixOf(any.arg || except.arg ? [command('Set-ClientAccessRule', args)] : [], manual) };
      });
    },
  },

  clientAccessRuleAuthenticationTypes: {
    description: "EXCAR-007: AnyOfAuthenticationTypes and ExceptAnyOfAuthenticationTypes hold only types the rule's protocols support (both protocols when none is named).",
    optionsSchema: noOptions,
    kinds,
    precondition,
    evaluate(input) {
      return analyse(input).rules.map((r): Outcome => {
        const o = { ...base(r), field: 'AnyOfAuthenticationTypes', expected: "types supported by the rule's protocols" };
        const protocols = readStrings(r, 'AnyOfProtocols');
        if (protocols instanceof Unknown) return unknownOutcome(o, protocols);
        const allowed = new Set((protocols.length ? protocols : SUPPORTED).flatMap((p) => VALID_AUTH[p] ?? []));
        const valid = (t: string) => allowed.has(t);
        const any = trimmed(r, 'AnyOfAuthenticationTypes', valid, `no type of "${r.identity}"'s authentication condition can match its protocols. Decide what it should match: clearing the condition would make a DenyAccess rule match every authentication type (a lock-out risk) and an AllowAccess rule allow more`);
        const except = trimmed(r, 'ExceptAnyOfAuthenticationTypes', valid, `the authentication exceptions of "${r.identity}" can never match its protocols: clear them in the Exchange admin center or leave them`);
        if (any instanceof Unknown) return unknownOutcome(o, any);
        if (except instanceof Unknown) return unknownOutcome(o, except);
        const removed = [...any.removed, ...except.removed];
        const scope = protocols.length ? protocols.join(', ') : 'ExchangeAdminCenter and RemotePowerShell';
        if (removed.length === 0) return { ...o, verdict: 'pass', actual: `valid for ${scope}` };
        const manual = [any.manual, except.manual].filter((m): m is string => !!m);
        const args = { Identity: r.identity, AnyOfAuthenticationTypes: any.arg, ExceptAnyOfAuthenticationTypes: except.arg };
        return { ...o, verdict: 'fail', actual: `${removed.join(', ')} (never used by ${scope})`, fix: fixOf(any.arg || except.arg ? [command('Set-ClientAccessRule', args)] : [], manual) };
      });
    },
  },

  clientAccessRuleShadowed: {
    description: 'EXCAR-008: enabled rules that can never match because an earlier unconditional rule covers their protocols.',
    optionsSchema: noOptions,
    kinds,
    precondition,
    evaluate(input) {
      const set = analyse(input);
      if (set.live.length < 2) return [{ identity: 'ClientAccessRule', verdict: 'not_applicable', detail: 'fewer than two enabled rules' }];
      return set.live.slice(1).map((r): Outcome => {
        const mine = readStrings(r, 'AnyOfProtocols');
        let shadow: CanonicalRecord | undefined;
        let unknown: Unknown | undefined;
        for (const e of set.live) {
          if (priority(e) >= priority(r)) break;
          const theirs = readStrings(e, 'AnyOfProtocols');
          const covers: Tri = theirs instanceof Unknown ? theirs : mine instanceof Unknown ? (theirs.length === 0 ? true : mine) : theirs.length === 0 || (mine.length > 0 && mine.every((p) => theirs.includes(p)));
          const t = allOf(enabled(e), unconditional(e), covers);
          if (t === true) {
            shadow = e;
            break;
          }
          if (isUnknown(t)) unknown ??= t;
        }
        const isAllow = isAction(r, 'AllowAccess') === true;
        const o = { ...base(r), severity: (isAllow ? 'medium' : 'low') as Severity, field: 'Priority', expected: 'reachable by some connection' };
        if (!shadow) return unknown ? unknownOutcome({ ...o, actual: describeRule(r) }, unknown) : { ...o, verdict: 'pass', actual: 'reachable' };
        return { ...o, verdict: 'fail', actual: `it comes after the unconditional rule ${describeRule(shadow)}`, fix: shadowFix(set, r, shadow) };
      });
    },
  },

  clientAccessRulePriorities: {
    description: 'EXCAR-009: priorities are present, not negative and unique.',
    optionsSchema: noOptions,
    kinds,
    precondition,
    evaluate(input) {
      const set = analyse(input);
      if (set.rules.length === 0) return [{ identity: 'ClientAccessRule', verdict: 'not_applicable', detail: 'no client access rules' }];
      const counts = new Map<unknown, number>();
      for (const r of set.rules) counts.set(r.props.Priority, (counts.get(r.props.Priority) ?? 0) + 1);
      const reexport = ['re-export the rules (Get-ClientAccessRule | Select-Object * | ConvertTo-Json -Depth 5) and check them again; Exchange keeps priorities unique'];
      return set.rules.map((r): Outcome => {
        const p = r.props.Priority;
        const problem = typeof p !== 'number' ? 'missing' : p < 0 ? 'negative' : (counts.get(p) ?? 0) > 1 ? 'shared with another rule' : undefined;
        return { ...base(r), verdict: problem ? 'fail' : 'pass', field: 'Priority', expected: 'a unique number of 0 or more', actual: problem ? `${String(p ?? '(missing)')}: ${problem}` : String(p), ...(problem ? { fix: fixOf([], reexport) } : {}) };
      });
    },
  },

  clientAccessRuleDisabled: {
    description: 'EXCAR-010: disabled rules, other than a disabled safeguard (EXCAR-002).',
    optionsSchema: noOptions,
    kinds,
    precondition,
    evaluate(input) {
      const set = analyse(input);
      const rules = set.rules.filter((r) => allOf(not(enabled(r)), safeguardShape(r)) !== true);
      if (rules.length === 0) return [{ identity: 'ClientAccessRule', verdict: 'not_applicable', detail: 'no client access rules' }];
      return rules.map((r): Outcome => {
        const o = { ...base(r), field: 'Enabled', expected: 'true (or the rule removed)' };
        const e = enabled(r);
        if (isUnknown(e)) return unknownOutcome(o, e);
        return e
          ? { ...o, verdict: 'pass', actual: 'enabled' }
          : { ...o, verdict: 'fail', actual: 'disabled', fix: fixOf([], [`review "${r.identity}": re-enabling it would change access without a new review; if it is obsolete, Remove-ClientAccessRule -Identity ${named(r)}`]) };
      });
    },
  },

  clientAccessRulesEnforceable: {
    description: 'EXCAR-011: rules exist, and some exported server (Exchange 2019 or later) can enforce them.',
    optionsSchema: noOptions,
    kinds: () => ['ClientAccessRule', 'ExchangeServer'],
    evaluate(input) {
      const rules = input.records.get('ClientAccessRule') ?? [];
      const servers = input.records.get('ExchangeServer') ?? [];
      if (rules.length === 0 || servers.length === 0) return [{ identity: 'ClientAccessRule', verdict: 'not_applicable', detail: rules.length === 0 ? 'no client access rules' : 'no Get-ExchangeServer export' }];
      const modern = servers.filter(runsClientAccessRules);
      const list = (rs: readonly CanonicalRecord[]) => rs.map((s) => `${s.identity} ${String(s.props.AdminDisplayVersion)}`).join(', ');
      const o = { identity: 'ClientAccessRule', field: 'AdminDisplayVersion', expected: 'an Exchange 2019 or SE server' };
      return [
        modern.length > 0
          ? { ...o, verdict: 'pass', actual: list(modern) }
          : { ...o, verdict: 'fail', actual: list(servers), fix: fixOf([], ['the rules are inert on Exchange 2013/2016: enforce the same restrictions with network controls, or move to Exchange Server SE']) },
      ];
    },
  },

  clientAccessRuleRecentlyChanged: {
    description: 'EXCAR-012: rules changed within the cache window before the export (1 hour; 24 hours for the first rule).',
    optionsSchema: noOptions,
    kinds,
    precondition,
    evaluate(input) {
      const rules = input.records.get('ClientAccessRule') ?? [];
      if (rules.length === 0) return [{ identity: 'ClientAccessRule', verdict: 'not_applicable', detail: 'no client access rules' }];
      const exportedAt = Date.parse(input.inputs.find((i) => i.exportedAt)?.exportedAt ?? input.now);
      return rules.map((r): Outcome => {
        const window = rules.length === 1 ? 24 * 3600e3 : 3600e3;
        const o = { ...base(r), field: 'WhenChanged', expected: `changed more than ${window / 3600e3} h before the export` };
        const changed = r.props.WhenChangedUTC ?? r.props.WhenChanged;
        if (typeof changed !== 'string') return { ...o, verdict: 'error', actual: '(missing)', detail: 'WhenChanged is missing from the export' };
        const age = exportedAt - Date.parse(changed.endsWith('Z') || /[+-]\d\d:\d\d$/.test(changed) ? changed : `${changed}Z`);
        if (Number.isNaN(age)) return { ...o, verdict: 'error', actual: changed, detail: `WhenChanged "${changed}" is not a date` };
        const recent = age >= 0 && age < window;
        return {
          ...o,
          verdict: recent ? 'fail' : 'pass',
          actual: changed,
          ...(recent ? { fix: fixOf([], [`check again after the cache window; meanwhile test what the servers enforce: Test-ClientAccessRule -User <an administrator> -AuthenticationType BasicAuthentication -Protocol RemotePowerShell -RemoteAddress <the administrator's IP address> -RemotePort 443`]) } : {}),
        };
      });
    },
  },
};

function describeProtocols(r: CanonicalRecord): string {
  const any = readStrings(r, 'AnyOfProtocols');
  return any instanceof Unknown ? 'unknown protocols' : any.length ? any.join(', ') : 'every protocol';
}

/** A shadowed rule: the safeguard moves up; an allow rule under a deny is a decision; anything else is dead and can go. */
function shadowFix(set: RuleSet, r: CanonicalRecord, shadow: CanonicalRecord): Fix {
  if (safeguardShape(r) === true) return safeguardFix(set);
  if (isAction(r, 'AllowAccess') === true && isAction(shadow, 'DenyAccess') === true) {
    return fixOf([], [`"${r.identity}" never takes effect below the unconditional deny rule "${shadow.identity}": decide whether its conditions should become exceptions of "${shadow.identity}" (Set-ClientAccessRule -Identity ${named(shadow)} -ExceptAnyOfClientIPAddressesOrRanges @{Add=<range>}) or whether it can be removed`]);
  }
  return fixOf([command('Remove-ClientAccessRule', { Identity: r.identity, 'Confirm:$false': SWITCH })]);
}

/** Client access rules apply when an Exchange 2019 or later server exists, or no server export says otherwise. */
export function clientAccessRulesApply(input: CollectionInput): boolean {
  const servers = input.records.get('ExchangeServer') ?? [];
  return servers.length === 0 || servers.some(runsClientAccessRules);
}
