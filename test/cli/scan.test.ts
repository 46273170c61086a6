import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AjvModule from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import schema from '../../src/report/scan-result.schema.json' with { type: 'json' };
import type { ScanResult } from '../../src/model/result.js';
import { ROOT, runCli } from '../support/run-cli.js';

const Ajv = AjvModule.default ?? AjvModule;
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats.default(ajv);
const validateResult = ajv.compile(schema);
const FIXED = { SOURCE_DATE_EPOCH: '1795000000' };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'casguard-scan-'));
});

describe('casguard scan', () => {
  it('exits 1 on the examples (the gate fails at high) and groups findings by rule', () => {
    const { code, stdout, stderr } = runCli(['scan', 'examples/contoso']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^CRITICAL EXPOP-001 POP3 login type is not SecureLogin {2}\(1\)\n {2}✗ EX2016B LoginType: PlainTextLogin \(expected SecureLogin\)\n {6}fix: Set-PopSettings -Server 'EX2016B' -LoginType SecureLogin/m);
    expect(stdout).toMatch(/gate FAILED \(--fail-on high\)/);
    expect(stdout).not.toContain("\u001b[");
  });

  it('exits 0 when the gate passes (--fail-on none, or nothing at the threshold)', () => {
    expect(runCli(['scan', 'examples/contoso', '--fail-on', 'none']).code).toBe(0);
    const se = runCli(['scan', 'examples/contoso/se', '--fail-on', 'critical']);
    expect(se.code).toBe(0);
    expect(se.stdout).toMatch(/gate passed \(--fail-on critical\)/);
  });

  it('prints the canonical JSON result with --json and with -f json, valid against its schema', () => {
    const a = runCli(['scan', 'examples/contoso', '--json'], { env: FIXED });
    const b = runCli(['scan', 'examples/contoso', '-f', 'json'], { env: FIXED });
    expect(a.code).toBe(1);
    expect(a.stdout).toBe(b.stdout);
    const result = JSON.parse(a.stdout) as ScanResult;
    expect(validateResult(result), JSON.stringify(validateResult.errors?.slice(0, 3))).toBe(true);
    expect(result.generatedAt).toBe('2026-11-18T11:06:40Z');
    expect(result.gate).toEqual({ failOn: 'high', passed: false, exitCode: 1 });
    const admin = result.findings.find((f) => f.ruleId === 'EXCAS-001');
    expect(admin).toMatchObject({
      verdict: 'fail',
      severity: 'high',
      kind: 'CASMailbox',
      identity: 'corp.contoso.com/Staff/Administrator',
      name: 'Administrator',
      field: 'PopEnabled, ImapEnabled',
      actual: 'PopEnabled true, ImapEnabled true',
      remediation: "Set-CASMailbox -Identity 'corp.contoso.com/Staff/Administrator' -PopEnabled $false -ImapEnabled $false",
      source: { path: 'examples/contoso/legacy-ex2016/CASMailbox.json', pointer: '/0' },
    });
  });

  it('gives byte-identical JSON for the same input and SOURCE_DATE_EPOCH, matching the golden result', async () => {
    const a = runCli(['scan', 'examples/contoso', '-c', 'examples/casguard.yml', '--json'], { env: FIXED });
    const b = runCli(['scan', 'examples/contoso', '-c', 'examples/casguard.yml', '--json'], { env: FIXED });
    expect(a.stdout).toBe(b.stdout);
    // The golden file holds paths relative to the repository; params hold the config's resolved paths.
    await expect(a.stdout).toMatchFileSnapshot('../golden/examples.results.json');
  });

  it('lists only fails and errors of per-mailbox rules unless --all-findings', () => {
    const few = JSON.parse(runCli(['scan', 'examples/contoso', '--json']).stdout) as ScanResult;
    const all = JSON.parse(runCli(['scan', 'examples/contoso', '--json', '--all-findings']).stdout) as ScanResult;
    const passes = (r: ScanResult) => r.findings.filter((f) => f.kind === 'CASMailbox' && f.verdict === 'pass' && f.ruleId !== 'EXCAS-006').length;
    expect(passes(few)).toBe(0);
    const counted = few.rules.filter((r) => /^EXCAS-00[1-5]$/.test(r.id)).reduce((n, r) => n + r.counts.pass, 0);
    expect(counted).toBeGreaterThan(50);
    expect(passes(all)).toBe(counted);
    expect(few.summary.pass).toBe(all.summary.pass);
  });

  it('applies waivers from casguard.yml and reports the expiring one', () => {
    const { stdout } = runCli(['scan', 'examples/contoso', '-c', 'examples/casguard.yml', '--json'], { env: FIXED });
    const result = JSON.parse(stdout) as ScanResult;
    expect(result.summary.waived).toBe(3);
    expect(result.waivers.map((w) => [w.ruleId, w.status, w.matched])).toEqual([
      ['EXSRV-001', 'active', 2],
      ['EXCAS-004', 'expiring', 1],
    ]);
    expect(result.findings.filter((f) => f.waiver).map((f) => f.identity)).toContain('EX2016B');
  });

  it('accepts the findings of a baseline result: the gate passes, new findings still fail it', () => {
    const baseline = join(dir, 'baseline.json');
    writeFileSync(baseline, runCli(['scan', 'examples/contoso', '--json']).stdout);
    const same = runCli(['scan', 'examples/contoso', '--baseline', baseline, '--json']);
    expect(same.code).toBe(0);
    const result = JSON.parse(same.stdout) as ScanResult;
    expect(result.summary.accepted).toBeGreaterThan(50);
    // A new weakness (the same rule on another server) is not hidden by the baseline.
    const copy = join(dir, 'contoso');
    cpSync(join(ROOT, 'examples/contoso'), copy, { recursive: true });
    const pop = join(copy, 'se', 'PopSettings.json');
    writeFileSync(pop, readFileSync(pop, 'utf8').replace('"LoginType": "SecureLogin"', '"LoginType": "PlainTextLogin"'));
    const worse = runCli(['scan', copy, '--baseline', baseline, '--json']);
    expect(worse.code).toBe(1);
    const open = (JSON.parse(worse.stdout) as ScanResult).findings.filter((f) => f.verdict === 'fail' && !f.accepted && !f.waiver && f.severity === 'critical');
    expect(open.map((f) => `${f.ruleId} ${f.identity}`)).toEqual(['EXPOP-001 EXSE01']);
  });

  it('writes -f json -o FILE atomically and several formats into -o DIR', () => {
    const file = join(dir, 'out', 'results.json');
    const one = runCli(['scan', 'examples/contoso', '-f', 'json', '-o', file], { env: FIXED });
    expect(one.code).toBe(1);
    expect(one.stderr).toBe(`wrote ${file}\n`);
    expect(JSON.parse(readFileSync(file, 'utf8')).schemaVersion).toBe('1');
    const many = runCli(['scan', 'examples/contoso', '-f', 'json', '-f', 'text', '-o', join(dir, 'many')]);
    expect(many.code).toBe(1);
    expect(readdirSync(join(dir, 'many')).sort()).toEqual(['results.json', 'results.txt']);
    expect(readdirSync(join(dir, 'out'))).toEqual(['results.json']);
  });

  it('writes every format into -o DIR under the conventional names, and render re-renders a saved result', () => {
    const out = join(dir, 'all');
    const all = runCli(['scan', 'examples/contoso', '-c', 'examples/casguard.yml', ...['html', 'json', 'sarif', 'junit', 'markdown', 'text', 'remediation'].flatMap((f) => ['-f', f]), '-o', out], { env: FIXED });
    expect(all.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['remediation.ps1', 'report.html', 'report.md', 'results.json', 'results.junit.xml', 'results.sarif', 'results.txt']);
    const again = join(dir, 'again.html');
    const render = runCli(['render', join(out, 'results.json'), '-f', 'html', '-o', again]);
    expect(render).toMatchObject({ code: 0, stderr: `wrote ${again}\n` });
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(join(out, 'report.html'), 'utf8'));
    const md = runCli(['render', join(out, 'results.json'), '-f', 'markdown']);
    expect(md.stdout).toMatch(/^## casguard: Exchange client-access compliance/);
    const ps = runCli(['render', join(out, 'results.json'), '-f', 'remediation', '--apply-ready']);
    expect(ps.stdout).not.toMatch(/-WhatIf/);
  });

  it('render refuses a file that is not a casguard result, with exit 2', () => {
    const bogus = join(dir, 'bogus.json');
    writeFileSync(bogus, '{"schemaVersion": "1", "findings": []}');
    const r = runCli(['render', bogus, '-f', 'html']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bogus\.json at \/: not a casguard JSON result \(schemaVersion 1\): \/ must have required property/);
    expect(runCli(['render', join(dir, 'missing.json')]).code).toBe(2);
  });

  it('refuses an unwritable output with exit 2 and leaves nothing behind', () => {
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'a file where a directory is needed');
    const { code, stderr } = runCli(['scan', 'examples/contoso', '-f', 'json', '-o', join(blocker, 'results.json')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: .*blocker(\/results\.json)?: cannot write: .* \[output\/unwritable\]/);
  });

  it('exits 2 for bad flags, bad inputs, bad waivers and a bad pack', () => {
    expect(runCli(['scan', 'examples/contoso', '--fail-on', 'severe']).code).toBe(2);
    expect(runCli(['scan', 'examples/contoso', '-f', 'json', '-f', 'text']).stderr).toMatch(/several --format values need -o DIR/);
    const badInput = join(dir, 'bad.json');
    writeFileSync(badInput, '[{"ProtocolName": "POP3",');
    const bad = runCli(['scan', 'examples/contoso', badInput]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.json:1:26: invalid JSON: unexpected end of file/);
    const waivers = join(dir, 'waivers.yaml');
    writeFileSync(waivers, 'waivers:\n  - rule: EXPOP-001\n    identity: EX01\n    owner: me\n    expires: soon\n');
    const w = runCli(['scan', 'examples/contoso', '--waivers', waivers]);
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/waivers\.yaml:2: \/waivers\/0: must have required property 'reason' \[waivers\/invalid\]/);
    expect(w.stderr).toMatch(/waivers\.yaml:5: \/waivers\/0\/expires: must match pattern/);
    const unknownRule = join(dir, 'unknown-rule.yaml');
    writeFileSync(unknownRule, 'waivers:\n  - {rule: EXPOP-999, identity: "*", reason: because, owner: me, expires: 2030-01-01}\n');
    expect(runCli(['scan', 'examples/contoso', '--waivers', unknownRule]).stderr).toMatch(/waiver for unknown rule EXPOP-999/);
    expect(runCli(['scan', 'examples/contoso', '-p', join(dir, 'no-such-pack.yaml')]).stderr).toMatch(/rule pack ".*no-such-pack\.yaml" not found \[rulepack\/not-found\]/);
  });

  it('reports errors as JSON under --json', () => {
    const { code, stdout } = runCli(['scan', 'no-such-dir', '--json']);
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toEqual({ error: { code: 'export/not-found', message: 'no such file or directory', exitCode: 2, location: { file: 'no-such-dir' } } });
  });

  it('documents exit codes and --fail-on in --help', () => {
    const { stdout } = runCli(['scan', '--help']);
    expect(stdout).toMatch(/--fail-on=<option>/);
    expect(stdout).toMatch(/1 {2}the gate failed/);
  });
});
