import { compareText } from '../../report/compare-text.js';
// Client access rule checks (catalog section C): the rule list evaluated in priority order.

import type { CanonicalRecord } from '../../model/records.js';
import type { Severity } from '../../model/result.js';
import type { CollectionFunction, CollectionInput, Outcome } from './types.js';

const CONDITIONS = ['AnyOfClientIPAddressesOrRanges', 'AnyOfAuthenticationTypes', 'UsernameMatchesAnyOfPatterns', 'UserRecipientFilter', 'AnyOfSourceTcpPortNumbers', 'UserIsMemberOf'];
const EXCEPTIONS = ['ExceptAnyOfClientIPAddressesOrRanges', 'ExceptAnyOfAuthenticationTypes', 'ExceptUsernameMatchesAnyOfPatterns', 'ExceptAnyOfProtocols', 'ExceptAnyOfSourceTcpPortNumbers', 'ExceptUserIsMemberOf'];

function list(r: CanonicalRecord, key: string): unknown[] {
  const v = r.props[key];
  return Array.isArray(v) ? v : v === null || v === undefined || v === '' ? [] : [v];
}

function protocols(r: CanonicalRecord): string[] {
  return list(r, 'AnyOfProtocols').map((p) => String(p));
}

const enabled = (r: CanonicalRecord) => r.props.Enabled === true;
const action = (r: CanonicalRecord) => r.props.Action;
const priority = (r: CanonicalRecord) => (typeof r.props.Priority === 'number' ? r.props.Priority : Number.POSITIVE_INFINITY);

/** No condition and no exception: the rule matches every connection of its protocols. */
export function unconditional(r: CanonicalRecord): boolean {
  return [...CONDITIONS, ...EXCEPTIONS].every((k) => list(r, k).length === 0);
}

/** The rule can match a remote PowerShell connection. */
export function rpsCapable(r: CanonicalRecord): boolean {
  const any = protocols(r);
  return (any.length === 0 || any.includes('RemotePowerShell')) && !list(r, 'ExceptAnyOfProtocols').includes('RemotePowerShell');
}

function scopeAll(r: CanonicalRecord): boolean {
  const s = r.props.Scope;
  return s === undefined || s === null || s === '' || s === 'All';
}

/** The lock-out safeguard: an unconditional AllowAccess rule for RemotePowerShell (enabled or not). */
function safeguardShape(r: CanonicalRecord): boolean {
  return action(r) === 'AllowAccess' && protocols(r).includes('RemotePowerShell') && unconditional(r) && scopeAll(r);
}

/** Rules in evaluation order: ascending Priority, ties by Name (EXCAR-009 reports the ties). */
export function evaluationOrder(records: readonly CanonicalRecord[]): CanonicalRecord[] {
  return [...records].sort((a, b) => priority(a) - priority(b) || compareText(a.identity, b.identity));
}

interface RuleSet {
  rules: CanonicalRecord[];
  enabledRules: CanonicalRecord[];
  minPriority: number;
  safeguard: CanonicalRecord | undefined;
  rpsDenies: CanonicalRecord[];
}

function analyse(input: CollectionInput): RuleSet {
  const rules = evaluationOrder(input.records.get('ClientAccessRule') ?? []);
  const enabledRules = rules.filter(enabled);
  const minPriority = Math.min(...enabledRules.map(priority));
  const safeguard = enabledRules.find((r) => safeguardShape(r) && priority(r) === minPriority);
  const rpsDenies = enabledRules.filter((r) => action(r) === 'DenyAccess' && rpsCapable(r));
  return { rules, enabledRules, minPriority, safeguard, rpsDenies };
}

function base(r: CanonicalRecord): Pick<Outcome, 'identity' | 'name' | 'record'> {
  return { identity: r.identity, name: r.identity, record: r };
}

const list1 = (rs: CanonicalRecord[]) => rs.map((r) => `"${r.identity}" (priority ${String(r.props.Priority)})`).join(', ');

const kinds = () => ['ClientAccessRule' as const];

/** Client access rules only work on Exchange 2019 or later; without a server export that is assumed. */
function precondition(input: CollectionInput): string | undefined {
  return clientAccessRulesApply(input) ? undefined : 'no exported server runs Exchange 2019 or later, where client access rules work (see EXCAR-011)';
}

export const CLIENT_ACCESS_RULE_FUNCTIONS: Record<string, CollectionFunction> = {
  clientAccessRuleSafeguard: {
    description: 'EXCAR-001: an enabled, unconditional AllowAccess RemotePowerShell rule holds the lowest priority present.',
    optionsSchema: { type: 'object', additionalProperties: false },
    kinds,
    precondition,
    evaluate(input) {
      const set = analyse(input);
      const identity = 'ClientAccessRule';
      if (set.rules.length === 0) {
        return [{ identity, verdict: 'fail', severity: 'low', field: 'Priority', expected: 'an "Always Allow Remote PowerShell" rule before the first rule is created', actual: 'no client access rules', detail: 'no client access rules exist yet; create the safeguard before the first rule' }];
      }
      if (set.safeguard) {
        return [{ ...base(set.safeguard), identity, verdict: 'pass', field: 'Priority', expected: `lowest priority (${set.minPriority})`, actual: `"${set.safeguard.identity}" at priority ${set.minPriority}`, detail: `"${set.safeguard.identity}" is evaluated first` }];
      }
      const first = set.enabledRules[0];
      const severity: Severity = set.rpsDenies.length > 0 ? 'critical' : 'high';
      return [
        {
          identity,
          verdict: 'fail',
          severity,
          field: 'Priority',
          expected: `an enabled unconditional AllowAccess RemotePowerShell rule at priority ${Number.isFinite(set.minPriority) ? set.minPriority : 1}`,
          actual: first ? `first rule is "${first.identity}" (${String(action(first))}, priority ${String(first.props.Priority)})` : 'no enabled rules',
          detail: set.rpsDenies.length > 0 ? `deny rules that can match remote PowerShell: ${list1(set.rpsDenies)}` : 'no rule guarantees remote PowerShell access',
        },
      ];
    },
  },

  clientAccessRuleSafeguardDisabled: {
    description: 'EXCAR-002: a safeguard rule exists but is disabled, and no enabled safeguard exists.',
    optionsSchema: { type: 'object', additionalProperties: false },
    kinds,
    precondition,
    evaluate(input) {
      const set = analyse(input);
      const enabledSafeguard = set.enabledRules.some(safeguardShape);
      const disabled = set.rules.filter((r) => !enabled(r) && safeguardShape(r));
      if (disabled.length === 0) return [{ identity: 'ClientAccessRule', verdict: 'not_applicable', detail: 'no disabled safeguard rule' }];
      return disabled.map((r) => ({
        ...base(r),
        verdict: enabledSafeguard ? 'pass' : 'fail',
        severity: set.rpsDenies.length > 0 ? 'critical' : 'high',
        field: 'Enabled',
        expected: 'true',
        actual: 'false',
      }));
    },
  },

  clientAccessRuleSafeguardConditioned: {
    description: 'EXCAR-003: the top-priority enabled AllowAccess rule for RemotePowerShell has no conditions and Scope All.',
    optionsSchema: { type: 'object', additionalProperties: false },
    kinds,
    precondition,
    evaluate(input) {
      const set = analyse(input);
      const top = set.enabledRules.find((r) => action(r) === 'AllowAccess' && protocols(r).includes('RemotePowerShell'));
      if (!top) return [{ identity: 'ClientAccessRule', verdict: 'not_applicable', detail: 'no enabled AllowAccess rule for RemotePowerShell' }];
      const conditions = [...CONDITIONS, ...EXCEPTIONS].filter((k) => list(top, k).length > 0);
      if (!scopeAll(top)) conditions.push(`Scope ${String(top.props.Scope)}`);
      return [{ ...base(top), verdict: conditions.length ? 'fail' : 'pass', field: conditions[0] ?? 'AnyOfClientIPAddressesOrRanges', expected: 'no conditions or exceptions, Scope All', actual: conditions.length ? conditions.join(', ') : 'none' }];
    },
  },

  clientAccessRuleBlanketDeny: {
    description: 'EXCAR-004: enabled DenyAccess rules with no protocol and no conditions (they match everything).',
    optionsSchema: { type: 'object', additionalProperties: false },
    kinds,
    precondition,
    evaluate(input) {
      const set = analyse(input);
      const denies = set.enabledRules.filter((r) => action(r) === 'DenyAccess');
      if (denies.length === 0) return [{ identity: 'ClientAccessRule', verdict: 'not_applicable', detail: 'no enabled DenyAccess rules' }];
      const safeguards = set.enabledRules.filter(safeguardShape);
      return denies.map((r) => {
        const blanket = protocols(r).length === 0 && unconditional(r);
        const beforeAll = safeguards.every((s) => priority(r) < priority(s));
        return { ...base(r), verdict: blanket ? 'fail' : 'pass', severity: beforeAll ? 'critical' : 'high', field: 'AnyOfProtocols', expected: 'a protocol, condition or exception', actual: blanket ? 'none (matches every connection)' : 'conditioned' };
      });
    },
  },

  clientAccessRuleDenyBeforeSafeguard: {
    description: 'EXCAR-005: no enabled DenyAccess rule that can match RemotePowerShell is evaluated before the safeguard.',
    optionsSchema: { type: 'object', additionalProperties: false },
    kinds,
    precondition,
    evaluate(input) {
      const set = analyse(input);
      if (set.rpsDenies.length === 0) return [{ identity: 'ClientAccessRule', verdict: 'not_applicable', detail: 'no enabled DenyAccess rule can match remote PowerShell' }];
      const safeguard = set.enabledRules.find(safeguardShape);
      return set.rpsDenies.map((r) => {
        const before = !safeguard || priority(r) < priority(safeguard);
        return {
          ...base(r),
          verdict: before ? 'fail' : 'pass',
          field: 'Priority',
          expected: safeguard ? `after "${safeguard.identity}" (priority ${String(safeguard.props.Priority)})` : 'after an "Always Allow Remote PowerShell" rule',
          actual: `priority ${String(r.props.Priority)}${safeguard ? '' : ' (no safeguard rule exists)'}`,
        } satisfies Outcome;
      });
    },
  },

  clientAccessRuleShadowed: {
    description: 'EXCAR-008: enabled rules that can never match because an earlier unconditional rule covers their protocols.',
    optionsSchema: { type: 'object', additionalProperties: false },
    kinds,
    precondition,
    evaluate(input) {
      const set = analyse(input);
      if (set.enabledRules.length < 2) return [{ identity: 'ClientAccessRule', verdict: 'not_applicable', detail: 'fewer than two enabled rules' }];
      return set.enabledRules.slice(1).map((r, i) => {
        const mine = protocols(r);
        const shadow = set.enabledRules.slice(0, i + 1).find((e) => {
          if (priority(e) >= priority(r) || !unconditional(e)) return false;
          const theirs = protocols(e);
          return theirs.length === 0 || (mine.length > 0 && mine.every((p) => theirs.includes(p)));
        });
        return {
          ...base(r),
          verdict: shadow ? 'fail' : 'pass',
          severity: shadow && action(r) === 'AllowAccess' ? 'medium' : 'low',
          field: 'Priority',
          expected: 'reachable by some connection',
          actual: shadow ? `shadowed by "${shadow.identity}" (priority ${String(shadow.props.Priority)})` : 'reachable',
        } satisfies Outcome;
      });
    },
  },

  clientAccessRulePriorities: {
    description: 'EXCAR-009: priorities are present, not negative and unique.',
    optionsSchema: { type: 'object', additionalProperties: false },
    kinds,
    precondition,
    evaluate(input) {
      const set = analyse(input);
      if (set.rules.length === 0) return [{ identity: 'ClientAccessRule', verdict: 'not_applicable', detail: 'no client access rules' }];
      const counts = new Map<unknown, number>();
      for (const r of set.rules) counts.set(r.props.Priority, (counts.get(r.props.Priority) ?? 0) + 1);
      return set.rules.map((r) => {
        const p = r.props.Priority;
        const problem = typeof p !== 'number' ? 'missing' : p < 0 ? 'negative' : (counts.get(p) ?? 0) > 1 ? 'shared with another rule' : undefined;
        return { ...base(r), verdict: problem ? 'fail' : 'pass', field: 'Priority', expected: 'a unique number of 0 or more', actual: problem ? `${String(p ?? '(missing)')}: ${problem}` : String(p) } satisfies Outcome;
      });
    },
  },

  clientAccessRuleDisabled: {
    description: 'EXCAR-010: disabled rules, other than a disabled safeguard (EXCAR-002).',
    optionsSchema: { type: 'object', additionalProperties: false },
    kinds,
    precondition,
    evaluate(input) {
      const set = analyse(input);
      const rules = set.rules.filter((r) => !(safeguardShape(r) && !enabled(r)));
      if (rules.length === 0) return [{ identity: 'ClientAccessRule', verdict: 'not_applicable', detail: 'no client access rules' }];
      return rules.map((r) => ({ ...base(r), verdict: enabled(r) ? 'pass' : 'fail', field: 'Enabled', expected: 'true', actual: String(r.props.Enabled) }) satisfies Outcome);
    },
  },

  clientAccessRulesEnforceable: {
    description: 'EXCAR-011: rules exist, and some exported server (Exchange 2019 or later) can enforce them.',
    optionsSchema: { type: 'object', additionalProperties: false },
    kinds: () => ['ClientAccessRule', 'ExchangeServer'],
    evaluate(input) {
      const rules = input.records.get('ClientAccessRule') ?? [];
      const servers = input.records.get('ExchangeServer') ?? [];
      if (rules.length === 0 || servers.length === 0) return [{ identity: 'ClientAccessRule', verdict: 'not_applicable', detail: rules.length === 0 ? 'no client access rules' : 'no Get-ExchangeServer export' }];
      const modern = servers.filter((s) => /^15\.[2-9]\.|^1[6-9]\./.test(String(s.props.AdminDisplayVersion ?? '')));
      return [{ identity: 'ClientAccessRule', verdict: modern.length > 0 ? 'pass' : 'fail', field: 'AdminDisplayVersion', expected: 'an Exchange 2019 or SE server', actual: servers.map((s) => `${s.identity} ${String(s.props.AdminDisplayVersion)}`).join(', ') }];
    },
  },

  clientAccessRuleRecentlyChanged: {
    description: 'EXCAR-012: rules changed within the cache window before the export (1 hour; 24 hours for the first rule).',
    optionsSchema: { type: 'object', additionalProperties: false },
    kinds,
    precondition,
    evaluate(input) {
      const rules = input.records.get('ClientAccessRule') ?? [];
      if (rules.length === 0) return [{ identity: 'ClientAccessRule', verdict: 'not_applicable', detail: 'no client access rules' }];
      const exportedAt = Date.parse(input.inputs.find((i) => i.exportedAt)?.exportedAt ?? input.now);
      return rules.map((r) => {
        const changed = r.props.WhenChangedUTC ?? r.props.WhenChanged;
        if (typeof changed !== 'string') return { ...base(r), verdict: 'error', field: 'WhenChanged', expected: 'a change time', actual: '(missing)' } satisfies Outcome;
        const age = exportedAt - Date.parse(changed.endsWith('Z') || /[+-]\d\d:\d\d$/.test(changed) ? changed : `${changed}Z`);
        const window = rules.length === 1 ? 24 * 3600e3 : 3600e3;
        return { ...base(r), verdict: age >= 0 && age < window ? 'fail' : 'pass', field: 'WhenChanged', expected: `changed more than ${window / 3600e3} h before the export`, actual: changed } satisfies Outcome;
      });
    },
  },
};

/** Names of ClientAccessRule checks whose precondition is "an Exchange 2019 or later server, or no server export". */
export function clientAccessRulesApply(input: CollectionInput): boolean {
  const servers = input.records.get('ExchangeServer') ?? [];
  return servers.length === 0 || servers.some((s) => /^15\.[2-9]\.|^1[6-9]\./.test(String(s.props.AdminDisplayVersion ?? '')));
}
