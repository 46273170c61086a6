import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProblemsError } from '../../src/errors.js';
import { parsePack } from '../../src/rulepack/load-pack.js';
import { resolvePacks, type PackReader } from '../../src/rulepack/resolve-packs.js';
import { filePackReader } from '../../src/io/read-settings.js';
import { runCli } from '../support/run-cli.js';

const BAD = `# a pack with one problem of each sort
id: Bad Pack
version: 1
rules:
  CUSTOM-001:
    title: A custom rule
    severity: severe
    given: { kind: PopSettings }
    then:
      field: LoginType
      equalz: SecureLogin
    message: { pass: "{{nope}} on {{server}}", fail: "fails on {{server}}", error: "error on {{server}}: {{detail}}" }
    rationale: Because it is a good idea to say why.
    remediation: { run: ['Set-PopSettings -Server "{{server}}.contoso.com" -LoginType SecureLogin'] }
    references: [https://example.com]
  CUSTOM-002:
    title: Another custom rule
    severity: low
    given:
      kind: CASMailbox
      where: { fact: protocolInUse, protocol: pop }
    then:
      all:
        - { field: PopEnabled, equals: false }
        - { field: ImapEnabled, matches: "(" }
        - { fact: noSuchFact }
    message: { pass: passes, fail: fails, error: errors }
    rationale: Because it is a good idea to say why.
    references: [x]
  CUSTOM-003:
    title: A third rule
    severity: info
    given: { kind: Service }
    check: { function: noSuchFunction }
    message: { pass: passes, fail: fails, error: errors }
    rationale: Because it is a good idea to say why.
    references: [x]
`;

describe('rule pack validation', () => {
  it('reports every problem at once, each with its line and YAML path', () => {
    const { pack, problems } = parsePack(BAD, 'bad.yaml');
    expect(pack).toBeUndefined();
    const lines = problems.map((p) => `${p.line} ${p.path}: ${p.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        '2 /id: must match pattern "^[a-z0-9][a-z0-9-]*$"',
        '3 /version: must be string',
        expect.stringMatching(/^7 \/rules\/CUSTOM-001\/severity: must be equal to one of the allowed values: critical, high/),
        expect.stringMatching(/^11 \/rules\/CUSTOM-001\/then\/equalz: unknown operator "equalz"/),
        expect.stringMatching(/^12 \/rules\/CUSTOM-001\/message\/pass: unknown placeholder \{\{nope\}\}/),
        expect.stringMatching(/^14 \/rules\/CUSTOM-001\/remediation\/run\/0: .*a placeholder must be the whole value of -Server, never inside quotes/),
        expect.stringMatching(/^25 \/rules\/CUSTOM-002\/then\/all\/1\/matches: matches: invalid regular expression/),
        expect.stringMatching(/^26 \/rules\/CUSTOM-002\/then\/all\/2\/fact: unknown fact "noSuchFact"/),
        expect.stringMatching(/^21 \/rules\/CUSTOM-002\/given\/where: fact protocolInUse needs other exports/),
        expect.stringMatching(/^34 \/rules\/CUSTOM-003\/check\/function: unknown function "noSuchFunction"/),
      ]),
    );
  });

  it('reports YAML syntax errors with their line', () => {
    expect(parsePack('id: x\nrules:\n  - [unclosed\n', 'broken.yaml').problems).toEqual([
      expect.objectContaining({ file: 'broken.yaml', line: 4, message: expect.stringMatching(/^invalid YAML/) }),
    ]);
  });

  it('`casguard rules validate` lists the problems and exits 2; a good pack exits 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casguard-packs-'));
    writeFileSync(join(dir, 'bad.yaml'), BAD);
    const bad = runCli(['rules', 'validate', join(dir, 'bad.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n').filter((l) => l.startsWith('error:')).length).toBeGreaterThanOrEqual(9);
    expect(bad.stderr).toContain(`error: ${join(dir, 'bad.yaml')}:11: /rules/CUSTOM-001/then/equalz: unknown operator "equalz"`);
    const good = runCli(['rules', 'validate', 'rules/exchange-baseline.yaml']);
    expect(good).toMatchObject({ code: 0, stdout: 'rules/exchange-baseline.yaml: valid — 65 rules in force (exchange-baseline 1.0.0)\n' });
  });
});

describe('extending packs', () => {
  const files: Record<string, string> = {
    'contoso.yaml': `id: contoso
version: 2.1.0
extends: [exchange-baseline]
params:
  pop: { allowList: [svc-scanner] }
  maxConnPerUser: 8
overrides:
  EXPOP-014: off
  EXPOP-015: { severity: low }
rules:
  CONTOSO-001:
    title: POP3 must not be published externally
    severity: high
    given: { kind: PopSettings }
    then: { field: ExternalConnectionSettings, empty: true }
    field: ExternalConnectionSettings
    expected: nothing published
    message:
      pass: POP3 on {{server}} is internal only
      fail: POP3 on {{server}} is published as {{actual}}
      error: "POP3 on {{server}}: {{detail}}"
    rationale: Contoso policy keeps POP3 internal-only since 2024.
    remediation:
      run:
      - Set-PopSettings -Server {{Server}} -ExternalConnectionSettings $null
    references: [https://intranet.contoso.com/policy/mail-7]
`,
    'dup.yaml': `id: dup
version: 1.0.0
extends: [exchange-baseline]
rules:
  EXPOP-001:
    title: Redefined rule
    severity: low
    given: { kind: PopSettings }
    then: { field: LoginType, equals: SecureLogin }
    message: { pass: passes, fail: fails, error: errors }
    rationale: Trying to change what EXPOP-001 means.
    references: [x]
overrides:
  EXNOPE-001: off
`,
  };
  const builtIn = filePackReader();
  const reader: PackReader = { read: (ref, from) => (ref in files ? { file: ref, text: files[ref] as string } : builtIn.read(ref, from)) };

  it('adds rules, overrides severity, switches rules off and merges params', () => {
    const packs = resolvePacks(['contoso.yaml'], reader, { params: { imap: { required: true } }, overrides: { 'EXCAS-006': 'off' } });
    expect(packs.packs).toEqual([{ id: 'exchange-baseline', version: '1.0.0' }, { id: 'contoso', version: '2.1.0' }]);
    const ids = packs.rules.map((r) => r.id);
    expect(ids).toContain('CONTOSO-001');
    expect(ids).not.toContain('EXPOP-014');
    expect(ids).not.toContain('EXCAS-006');
    expect(packs.rules.find((r) => r.id === 'EXPOP-015')?.severity).toBe('low');
    expect(packs.params).toMatchObject({ pop: { required: false, allowList: ['svc-scanner'] }, imap: { required: true, allowList: [] }, maxConnPerUser: 8 });
  });

  it('refuses to redefine a rule id and names unknown overrides, all at once', () => {
    try {
      resolvePacks(['dup.yaml'], reader);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ProblemsError);
      expect((err as ProblemsError).problems.map((p) => `${p.line} ${p.message}`)).toEqual([
        expect.stringMatching(/^5 rule EXPOP-001 is already defined by pack exchange-baseline/),
        '14 override of unknown rule EXNOPE-001',
      ]);
    }
  });
});

describe('casguard rules list and show', () => {
  it('lists every rule with severity, kind and title', () => {
    const { code, stdout } = runCli(['rules', 'list']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^EXCAR-001 {2}high {5}ClientAccessRule {2}No remote-PowerShell safeguard at the top of the client access rules$/m);
    expect(stdout).toMatch(/65 rules from exchange-baseline 1\.0\.0/);
  });

  it('shows a rule with its condition in words, remediation and references', () => {
    const { code, stdout } = runCli(['rules', 'show', 'expop-001']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^EXPOP-001 {2}POP3 login type is not SecureLogin$/m);
    expect(stdout).toMatch(/passes: {3}when LoginType is "SecureLogin"/);
    expect(stdout).toMatch(/high when LoginType is "PlainTextAuthentication"/);
    expect(stdout).toMatch(/remediation:\n {2}Set-PopSettings -Server \{\{Server\}\} -LoginType SecureLogin\n {2}\(then restart/);
    expect(stdout).toMatch(/ {2}pass: {2}POP3 on \{\{server\}\} requires TLS before logon/);
    expect(stdout).toMatch(/set-popsettings/);
    expect(runCli(['rules', 'show', 'EXPOP-999']).code).toBe(2);
  });
});
