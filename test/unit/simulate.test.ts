// `casguard simulate` (issue 13 §2): the behaviour Microsoft documents for client access rules, the
// proposed-rule merge, and a property test that simulate and the EXCAR rules of scan never disagree.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipInRanges, matchRule, simulate, type Connection } from '../../src/engine/client-access-match.js';
import { Evaluator } from '../../src/engine/evaluate.js';
import { FileWarnings } from '../../src/ingest/file-warnings.js';
import { filePackReader } from '../../src/io/read-settings.js';
import type { CanonicalRecord, InputSummary } from '../../src/model/records.js';
import { normalizeRecord } from '../../src/normalize/normalize-record.js';
import { resolvePacks } from '../../src/rulepack/resolve-packs.js';
import { applyProposed } from '../../src/simulate/apply-proposed.js';
import { simulateMatrix } from '../../src/simulate/matrix.js';

/** A rule as Get-ClientAccessRule exports it (deserialized flavour), with New-ClientAccessRule's defaults. */
function rule(props: Record<string, unknown>): CanonicalRecord {
  const o: Record<string, unknown> = {
    Enabled: true,
    Scope: 'All',
    AnyOfProtocols: [],
    ExceptAnyOfProtocols: [],
    AnyOfClientIPAddressesOrRanges: [],
    ExceptAnyOfClientIPAddressesOrRanges: [],
    AnyOfAuthenticationTypes: [],
    ExceptAnyOfAuthenticationTypes: [],
    UsernameMatchesAnyOfPatterns: [],
    ExceptUsernameMatchesAnyOfPatterns: [],
    UserRecipientFilter: null,
    ...props,
  };
  return normalizeRecord(o, { kind: 'ClientAccessRule' }, { path: 'ClientAccessRule.json', pointer: '' }, new FileWarnings());
}

const RPS = (c: Partial<Connection> = {}): Connection => ({ protocol: 'RemotePowerShell', ip: '203.0.113.7', user: 'contoso\\admin', auth: 'BasicAuthentication', ...c });
const EAC = (c: Partial<Connection> = {}): Connection => ({ protocol: 'ExchangeAdminCenter', ip: '203.0.113.7', user: 'contoso\\admin', auth: 'BasicAuthentication', ...c });
const SAFEGUARD = { Name: 'Always Allow Remote PowerShell', Priority: 1, Action: 'AllowAccess', AnyOfProtocols: ['RemotePowerShell'] };

// Cases from Microsoft's documentation of client access rules on Exchange Server:
//   CAR  = https://learn.microsoft.com/exchange/clients/client-access-rules/client-access-rules?view=exchserver-2019
//   PROC = https://learn.microsoft.com/exchange/clients/client-access-rules/procedures-for-client-access-rules?view=exchserver-2019
//   NEW  = https://learn.microsoft.com/powershell/module/exchange/new-clientaccessrule (parameter descriptions)
describe('client access rules as Microsoft documents them', () => {
  const cases: [string, Record<string, unknown>[], Connection, 'allowed' | 'blocked' | 'depends', string | undefined][] = [
    ['CAR: with no rule, every connection is allowed', [], RPS(), 'allowed', undefined],
    ['CAR: the first matching rule decides and evaluation stops', [{ Name: 'Allow all', Priority: 1, Action: 'AllowAccess' }, { Name: 'Block all', Priority: 2, Action: 'DenyAccess' }], EAC(), 'allowed', 'Allow all'],
    ['CAR: lower priority numbers are evaluated first, whatever the export order', [{ Name: 'Block all', Priority: 2, Action: 'DenyAccess' }, { Name: 'Allow all', Priority: 1, Action: 'AllowAccess' }], EAC(), 'allowed', 'Allow all'],
    ['CAR: a rule with no protocol applies to both EAC and remote PowerShell', [{ Name: 'Block all', Priority: 1, Action: 'DenyAccess' }], RPS(), 'blocked', 'Block all'],
    ['PROC "Block PowerShell": remote PowerShell blocked from outside 192.168.10.1/24', [{ Name: 'Block PowerShell', Priority: 1, Action: 'DenyAccess', AnyOfProtocols: ['RemotePowerShell'], ExceptAnyOfClientIPAddressesOrRanges: ['192.168.10.1/24'] }], RPS({ ip: '172.17.17.26' }), 'blocked', 'Block PowerShell'],
    ['PROC "Block PowerShell": … and allowed from inside it (the exception)', [{ Name: 'Block PowerShell', Priority: 1, Action: 'DenyAccess', AnyOfProtocols: ['RemotePowerShell'], ExceptAnyOfClientIPAddressesOrRanges: ['192.168.10.1/24'] }], RPS({ ip: '192.168.10.26' }), 'allowed', undefined],
    ['PROC "Block PowerShell": … and EAC is not affected', [{ Name: 'Block PowerShell', Priority: 1, Action: 'DenyAccess', AnyOfProtocols: ['RemotePowerShell'], ExceptAnyOfClientIPAddressesOrRanges: ['192.168.10.1/24'] }], EAC({ ip: '172.17.17.26' }), 'allowed', undefined],
    ['CAR: an exception lets evaluation go on, and a later rule can still block', [
      { Name: 'Block EAC outside', Priority: 1, Action: 'DenyAccess', AnyOfProtocols: ['ExchangeAdminCenter'], ExceptAnyOfClientIPAddressesOrRanges: ['10.0.0.0/8'] },
      { Name: 'Block lab', Priority: 2, Action: 'DenyAccess', AnyOfClientIPAddressesOrRanges: ['10.99.0.0/16'] },
    ], EAC({ ip: '10.99.1.1' }), 'blocked', 'Block lab'],
    ['CAR: conditions are AND-ed (IP matches but the authentication type does not)', [{ Name: 'Block basic EAC', Priority: 1, Action: 'DenyAccess', AnyOfProtocols: ['ExchangeAdminCenter'], AnyOfClientIPAddressesOrRanges: ['172.16.0.0/12'], AnyOfAuthenticationTypes: ['BasicAuthentication'] }], EAC({ ip: '172.17.1.1', auth: 'AdfsAuthentication' }), 'allowed', undefined],
    ['CAR: values within a condition are OR-ed (the second range matches)', [{ Name: 'Block two nets', Priority: 1, Action: 'DenyAccess', AnyOfClientIPAddressesOrRanges: ['10.0.0.0/8', '172.16.0.0/12'], AnyOfAuthenticationTypes: ['BasicAuthentication'] }], EAC({ ip: '172.17.1.1' }), 'blocked', 'Block two nets'],
    ['CAR: exceptions are OR-ed (a user exception alone lets the connection through)', [{ Name: 'Block EAC', Priority: 1, Action: 'DenyAccess', AnyOfProtocols: ['ExchangeAdminCenter'], ExceptAnyOfClientIPAddressesOrRanges: ['10.0.0.0/8'], ExceptUsernameMatchesAnyOfPatterns: ['*admin*'] }], EAC(), 'allowed', undefined],
    ['NEW: an IP range a-b', [{ Name: 'Block range', Priority: 1, Action: 'DenyAccess', AnyOfClientIPAddressesOrRanges: ['192.168.0.1-192.168.0.254'] }], RPS({ ip: '192.168.0.100' }), 'blocked', 'Block range'],
    ['NEW: a single IP address', [{ Name: 'Block one', Priority: 1, Action: 'DenyAccess', AnyOfClientIPAddressesOrRanges: ['192.168.1.1'] }], RPS({ ip: '192.168.1.2' }), 'allowed', undefined],
    ['CAR: IPv6 CIDR ranges (IPv4 and IPv6 are supported)', [{ Name: 'Block v6', Priority: 1, Action: 'DenyAccess', AnyOfClientIPAddressesOrRanges: ['2001:db8::/32'] }], RPS({ ip: '2001:db8:1::5' }), 'blocked', 'Block v6'],
    ['NEW: user name patterns with the * wildcard, case-insensitive', [{ Name: 'Block jeff', Priority: 1, Action: 'DenyAccess', UsernameMatchesAnyOfPatterns: ['*jeff*'] }], RPS({ user: 'CONTOSO\\JeffreyR' }), 'blocked', 'Block jeff'],
    ['NEW: a pattern without a wildcard matches the whole name only', [{ Name: 'Block jeff', Priority: 1, Action: 'DenyAccess', UsernameMatchesAnyOfPatterns: ['contoso\\jeff'] }], RPS({ user: 'contoso\\jeffrey' }), 'allowed', undefined],
    ['PROC: a disabled rule is skipped', [{ Name: 'Block all', Priority: 1, Action: 'DenyAccess', Enabled: false }], RPS(), 'allowed', undefined],
    ['NEW: Scope Users applies to end-user connections', [{ Name: 'Block users', Priority: 1, Action: 'DenyAccess', Scope: 'Users' }], EAC(), 'blocked', 'Block users'],
    ['CAR/PROC best practice: "Always Allow Remote PowerShell" first keeps administrators in', [SAFEGUARD, { Name: 'Block all', Priority: 2, Action: 'DenyAccess' }], RPS(), 'allowed', 'Always Allow Remote PowerShell'],
    ['… and the block still applies to EAC', [SAFEGUARD, { Name: 'Block all', Priority: 2, Action: 'DenyAccess' }], EAC(), 'blocked', 'Block all'],
    ['NEW: group membership cannot be told from the exports', [{ Name: 'Block group', Priority: 1, Action: 'DenyAccess', UserIsMemberOf: ['contoso.com/Groups/Contractors'] }], RPS(), 'depends', undefined],
    ['NEW: a recipient filter cannot be told from the exports', [{ Name: 'Block Paris', Priority: 1, Action: 'DenyAccess', UserRecipientFilter: "City -eq 'Paris'" }], EAC(), 'depends', undefined],
    ['… unless every way it can go ends the same (an unknown allow rule before the default allow)', [{ Name: 'Allow group', Priority: 1, Action: 'AllowAccess', UserIsMemberOf: ['Admins'] }], RPS(), 'allowed', undefined],
    ['… and a certain later rule that decides the same way', [{ Name: 'Block group', Priority: 1, Action: 'DenyAccess', UserIsMemberOf: ['Contractors'] }, { Name: 'Block all', Priority: 2, Action: 'DenyAccess' }], RPS(), 'blocked', undefined],
    ['an address the connection does not give is unknown for an IP condition', [{ Name: 'Block net', Priority: 1, Action: 'DenyAccess', AnyOfClientIPAddressesOrRanges: ['10.0.0.0/8'] }], { protocol: 'RemotePowerShell' }, 'depends', undefined],
  ];
  for (const [name, rules, connection, decision, decidedBy] of cases) {
    it(name, () => {
      const result = simulate(rules.map(rule), connection);
      expect(result.decision).toBe(decision);
      expect(result.decidedBy).toBe(decidedBy);
      expect(result.reason.length).toBeGreaterThan(10);
    });
  }

  it('says what a decision depends on in words ("depends on group membership of …")', () => {
    const result = simulate([rule({ Name: 'Block group', Priority: 1, Action: 'DenyAccess', UserIsMemberOf: ['contoso.com/Groups/Contractors'] })], RPS());
    expect(result.reason).toMatch(/depends on group membership of contoso\.com\/Groups\/Contractors/);
    expect(result.steps).toEqual([expect.objectContaining({ rule: 'Block group', outcome: 'depends' })]);
  });

  it('lists every rule passed over and why', () => {
    const result = simulate([rule(SAFEGUARD), rule({ Name: 'Block EAC outside', Priority: 2, Action: 'DenyAccess', AnyOfProtocols: ['ExchangeAdminCenter'], ExceptAnyOfClientIPAddressesOrRanges: ['10.0.0.0/8'] }), rule({ Name: 'Off', Priority: 3, Action: 'DenyAccess', Enabled: false })], EAC({ ip: '10.1.2.3' }));
    expect(result.steps.map((s) => [s.rule, s.outcome, s.reason])).toEqual([
      ['Always Allow Remote PowerShell', 'no-match', 'AnyOfProtocols RemotePowerShell does not include ExchangeAdminCenter'],
      ['Block EAC outside', 'excepted', 'ExceptAnyOfClientIPAddressesOrRanges 10.0.0.0/8 includes 10.1.2.3'],
      ['Off', 'disabled', 'disabled'],
    ]);
  });

  it('a condition cut off in the export is unknown evidence, never a guess', () => {
    const cut = rule({ Name: 'Block net', Priority: 1, Action: 'DenyAccess', AnyOfClientIPAddressesOrRanges: 'System.Collections.ArrayList' });
    expect(cut.unreadable.AnyOfClientIPAddressesOrRanges?.reason).toBe('truncated');
    expect(simulate([cut], RPS()).decision).toBe('depends');
  });

  it('matches IPv4 and IPv6 in every documented form, and nothing across families', () => {
    expect(ipInRanges('10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(ipInRanges('10.1.2.3', ['10.1.2.0-10.1.2.9'])).toBe(true);
    expect(ipInRanges('10.1.2.30', ['10.1.2.0-10.1.2.9'])).toBe(false);
    expect(ipInRanges('2001:db8::1', ['2001:db8::1'])).toBe(true);
    expect(ipInRanges('2001:db8::1', ['10.0.0.0/8'])).toBe(false);
    expect(ipInRanges('10.1.2.3', ['not an address', '10.0.0.0/99'])).toBe(false);
  });
});

describe('proposed rules (--rules)', () => {
  const exported = [rule(SAFEGUARD), rule({ Name: 'Block EAC outside', Priority: 2, Action: 'DenyAccess', AnyOfProtocols: ['ExchangeAdminCenter'] })];

  it('a new rule at an occupied priority pushes that rule and the ones after it down, as Exchange does', () => {
    const { rules, added, replaced } = applyProposed(exported, [rule({ Name: 'Block all', Priority: 1, Action: 'DenyAccess' })]);
    expect(rules.map((r) => [r.identity, r.props.Priority])).toEqual([['Block all', 1], ['Always Allow Remote PowerShell', 2], ['Block EAC outside', 3]]);
    expect({ added, replaced }).toEqual({ added: ['Block all'], replaced: [] });
    expect(simulate(rules, RPS()).decision).toBe('blocked');
  });

  it('a rule without a priority goes last; a rule of the same name replaces the exported one in place', () => {
    const { rules, replaced } = applyProposed(exported, [rule({ Name: 'block eac outside', Action: 'DenyAccess', AnyOfProtocols: ['ExchangeAdminCenter'], ExceptAnyOfClientIPAddressesOrRanges: ['10.0.0.0/8'] }), rule({ Name: 'Block all', Action: 'DenyAccess' })]);
    expect(rules.map((r) => [r.identity, r.props.Priority])).toEqual([['Always Allow Remote PowerShell', 1], ['block eac outside', 2], ['Block all', 3]]);
    expect(replaced).toEqual(['block eac outside']);
    expect(simulate(rules, RPS()).decision).toBe('allowed');
  });
});

describe('--matrix', () => {
  it('flags an address from which every administrator is blocked, and only that one', () => {
    const rules = [rule({ Name: 'Block outside', Priority: 1, Action: 'DenyAccess', ExceptAnyOfClientIPAddressesOrRanges: ['10.0.0.0/8'] })];
    const { simulations, lockouts } = simulateMatrix(rules, { ips: ['10.1.1.1', '203.0.113.7'], users: ['contoso\\admin', 'contoso\\jane'] });
    expect(simulations).toHaveLength(2 * 2 * 2 * 2);
    expect(lockouts.map((l) => [l.protocol, l.ip, l.certain])).toEqual([['ExchangeAdminCenter', '203.0.113.7', true], ['RemotePowerShell', '203.0.113.7', true]]);
  });

  it('a lock-out that depends on group membership is reported as possible', () => {
    const rules = [rule({ Name: 'Block non-admins', Priority: 1, Action: 'DenyAccess', ExceptUserIsMemberOf: ['Organization Management'] })];
    const { lockouts } = simulateMatrix(rules, { protocols: ['RemotePowerShell'], ips: ['10.1.1.1'], users: ['contoso\\admin'] });
    expect(lockouts).toEqual([expect.objectContaining({ certain: false, reason: expect.stringMatching(/possibly every administrator/) })]);
  });
});

describe('simulate and scan never disagree (property)', () => {
  const packs = resolvePacks(['exchange-baseline'], filePackReader());
  const summary: InputSummary = { path: 'ClientAccessRule.json', kind: 'ClientAccessRule', count: 0, kinds: { ClientAccessRule: 0 }, encoding: 'utf-8', format: 'json', flavour: '7', bytes: 0, sha256: '0'.repeat(64), warnings: [] };

  function excar(rules: CanonicalRecord[]) {
    const evaluator = new Evaluator(packs, '2026-11-20T00:00:00Z', true);
    for (const r of rules) evaluator.record(r);
    evaluator.kindPresent('ClientAccessRule');
    return evaluator.finish([{ ...summary, count: rules.length }]).findings.filter((f) => f.ruleId.startsWith('EXCAR-'));
  }

  const ips = ['10.1.2.3', '192.168.10.5', '203.0.113.7', '2001:db8::5'];
  // Empty conditions are common (weight 3), so safeguards and blanket rules turn up often.
  const maybe = <T,>(values: fc.Arbitrary<T[]>) => fc.oneof({ arbitrary: fc.constant([] as T[]), weight: 3 }, { arbitrary: values, weight: 1 });
  const ruleArb = fc.record({
    Action: fc.constantFrom('AllowAccess', 'DenyAccess'),
    Enabled: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
    AnyOfProtocols: fc.subarray(['ExchangeAdminCenter', 'RemotePowerShell']),
    ExceptAnyOfProtocols: maybe(fc.subarray(['ExchangeAdminCenter', 'RemotePowerShell'], { minLength: 1, maxLength: 1 })),
    AnyOfClientIPAddressesOrRanges: maybe(fc.subarray(['10.0.0.0/8', '192.168.10.0/24', '2001:db8::/32'], { minLength: 1 })),
    ExceptAnyOfClientIPAddressesOrRanges: maybe(fc.subarray(['10.0.0.0/8', '203.0.113.0/24'], { minLength: 1 })),
    AnyOfAuthenticationTypes: maybe(fc.subarray(['BasicAuthentication', 'NonBasicAuthentication'], { minLength: 1 })),
    UsernameMatchesAnyOfPatterns: maybe(fc.constantFrom(['*admin*'], ['contoso\\jane'])),
  });
  const rulesArb = fc.array(ruleArb, { maxLength: 5 }).map((list) => list.map((r, i) => rule({ ...r, Name: `Rule ${i + 1}`, Priority: i + 1 })));
  const connectionArb = fc.record({
    protocol: fc.constantFrom('ExchangeAdminCenter' as const, 'RemotePowerShell' as const),
    ip: fc.constantFrom(...ips),
    user: fc.constantFrom('contoso\\admin', 'contoso\\jane', 'contoso\\bob'),
    auth: fc.constantFrom('BasicAuthentication', 'NonBasicAuthentication', 'AdfsAuthentication'),
  });

  it('EXCAR-001 passes ⇒ every remote PowerShell connection is allowed; EXCAR-008 "shadowed" ⇒ that rule never decides; EXCAR-004 blanket deny first ⇒ everything blocked; EXCAR-010 disabled ⇒ never decides', () => {
    fc.assert(
      fc.property(rulesArb, fc.array(connectionArb, { minLength: 1, maxLength: 8 }), (rules, connections) => {
        const findings = excar(rules);
        const verdict = (id: string) => findings.filter((f) => f.ruleId === id);
        const results = connections.map((c) => ({ c, r: simulate(rules, c) }));
        if (verdict('EXCAR-001').some((f) => f.verdict === 'pass')) {
          for (const { c, r } of results) if (c.protocol === 'RemotePowerShell') expect(r.decision).toBe('allowed');
        }
        for (const f of verdict('EXCAR-008').filter((x) => x.verdict === 'fail')) {
          for (const { r } of results) expect(r.decidedBy).not.toBe(f.identity);
        }
        for (const f of verdict('EXCAR-010').filter((x) => x.verdict === 'fail')) {
          for (const { r } of results) expect(r.decidedBy).not.toBe(f.identity);
        }
        const firstLive = rules.find((r) => r.props.Enabled === true);
        if (firstLive && verdict('EXCAR-004').some((f) => f.verdict === 'fail' && f.identity === firstLive.identity)) {
          for (const { r } of results) expect(r.decision).toBe('blocked');
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a rule EXCAR's checks call unconditional matches every connection of its protocols", () => {
    fc.assert(
      fc.property(ruleArb, connectionArb, (raw, c) => {
        const r = rule({ ...raw, Name: 'R', Priority: 1, Enabled: true, AnyOfClientIPAddressesOrRanges: [], ExceptAnyOfClientIPAddressesOrRanges: [], AnyOfAuthenticationTypes: [], UsernameMatchesAnyOfPatterns: [], ExceptAnyOfProtocols: [] });
        const protocols = r.props.AnyOfProtocols as string[];
        if (protocols.length === 0 || protocols.includes(c.protocol)) expect(matchRule(r, c).applies).toBe(true);
        else expect(matchRule(r, c).applies).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
