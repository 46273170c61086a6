import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AjvModule from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimulateResult } from '../../src/model/simulation.js';
import schema from '../../src/report/simulate-result.schema.json' with { type: 'json' };
import { runCli } from '../support/run-cli.js';

const Ajv = AjvModule.default ?? AjvModule;
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);
const FIXED = { SOURCE_DATE_EPOCH: '1795000000' };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'casguard-simulate-'));
  writeFileSync(join(dir, 'bad.yaml'), '- Name: No action\n  AnyOfProtocols: [RemotePowerShell]\n');
  writeFileSync(join(dir, 'typo.yaml'), '- Name: Typo\n  Action: DenyAccess\n  AnyOfProtocol: [RemotePowerShell]\n');
});

describe('casguard simulate', () => {
  it('prints the rules in order, what each did and the decision; exit 0 when allowed', () => {
    const { code, stdout, stderr } = runCli(['simulate', 'examples/contoso', '--protocol', 'ExchangeAdminCenter', '--ip', '10.1.2.3', '--user', 'CORP\\adm-jsmith', '--auth', 'BasicAuthentication'], { env: FIXED });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Connection: ExchangeAdminCenter, from 10.1.2.3, as CORP\\adm-jsmith, BasicAuthentication');
    expect(stdout).toMatch(/·\s+2\s+Block EAC from outside\s+DenyAccess, excepted: ExceptAnyOfClientIPAddressesOrRanges 10\.0\.0\.0\/8, 192\.168\.10\.0\/24 includes 10\.1\.2\.3/);
    expect(stdout).toMatch(/ALLOWED: allowed \(no rule matches; a connection no rule matches is allowed\)/);
  });

  it('exit 1 when blocked; --json is valid against its schema and names the deciding rule', () => {
    const { code, stdout } = runCli(['simulate', 'examples/contoso', '--protocol', 'ExchangeAdminCenter', '--ip', '203.0.113.7', '--json'], { env: FIXED });
    expect(code).toBe(1);
    const result = JSON.parse(stdout) as SimulateResult;
    expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
    expect(result.simulations[0]).toMatchObject({ decision: 'blocked', decidedBy: 'Block EAC from outside', connection: { protocol: 'ExchangeAdminCenter', ip: '203.0.113.7' } });
    expect(result.exitCode).toBe(1);
  });

  it('--rules tries a change first: the matrix of administrators shows the lock-out it would cause (exit 1)', () => {
    const { code, stdout } = runCli(['simulate', 'examples/contoso', '--rules', 'examples/proposed-rules.yaml', '--matrix', '-c', 'examples/casguard.yml', '--json'], { env: FIXED });
    expect(code).toBe(1);
    const result = JSON.parse(stdout) as SimulateResult;
    expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
    expect(result.proposed).toEqual({ file: 'examples/proposed-rules.yaml', added: ['Block admin access outside the admin network'], replaced: [] });
    expect(result.rules.map((r) => [r.name, r.priority])).toEqual([
      ['Block admin access outside the admin network', 1],
      ['Always Allow Remote PowerShell', 2],
      ['Block EAC from outside', 3],
      ['Block legacy POP3', 4],
    ]);
    expect(result.lockouts?.map((l) => [l.protocol, l.ip, l.certain])).toEqual([
      ['ExchangeAdminCenter', '192.168.10.5', true],
      ['RemotePowerShell', '192.168.10.5', true],
    ]);
    const text = runCli(['simulate', 'examples/contoso', '--rules', 'examples/proposed-rules.yaml', '--matrix', '-c', 'examples/casguard.yml'], { env: FIXED });
    expect(text.stdout).toMatch(/LOCK-OUT: RemotePowerShell from 192\.168\.10\.5: every administrator \(CORP\\Administrator, CORP\\adm-jsmith\) is blocked/);
  });

  it('the exported rules alone lock nobody out (exit 0)', () => {
    const { code, stdout } = runCli(['simulate', 'examples/contoso', '--matrix', '-c', 'examples/casguard.yml'], { env: FIXED });
    expect(code).toBe(0);
    expect(stdout).toContain('no lock-out');
  });

  it('bad input is exit 2 with one line naming what is wrong', () => {
    const cases: [string[], RegExp][] = [
      [['simulate', 'examples/contoso/legacy-ex2016', '--protocol', 'RemotePowerShell'], /no Get-ClientAccessRule export among the inputs: .*\[export\/no-exports\]/],
      [['simulate', 'examples/contoso', '--protocol', 'POP3'], /Expected --protocol=POP3 to be one of: ExchangeAdminCenter, RemotePowerShell/],
      [['simulate', 'examples/contoso', '--protocol', 'RemotePowerShell', '--ip', '999.1.1.1'], /--ip "999\.1\.1\.1" is not an IPv4 or IPv6 address/],
      [['simulate', 'examples/contoso', '--protocol', 'RemotePowerShell', '--auth', 'AdfsAuthentication'], /RemotePowerShell connections do not use AdfsAuthentication/],
      [['simulate', 'examples/contoso'], /--protocol is required/],
      [['simulate', 'examples/contoso', '--matrix'], /--matrix needs the administrators' addresses and accounts/],
      [['simulate', 'examples/contoso', '--protocol', 'RemotePowerShell', '--rules', join(dir, 'bad.yaml')], /bad\.yaml:1: \/0\/Action: Action is AllowAccess or DenyAccess \[proposal\/invalid\]/],
      [['simulate', 'examples/contoso', '--protocol', 'RemotePowerShell', '--rules', join(dir, 'typo.yaml')], /\/0\/AnyOfProtocol: AnyOfProtocol is not a client access rule property/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = runCli(args);
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('documents its exit codes in --help', () => {
    const { stdout } = runCli(['simulate', '--help']);
    expect(stdout).toMatch(/0 {2}allowed \(--matrix: no lock-out\)/);
    expect(stdout).toMatch(/1 {2}blocked, or it depends/);
  });
});
