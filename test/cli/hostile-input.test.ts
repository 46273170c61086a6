// Issue 8: every reproduced hostile or broken input, as a regression test. Each must give exit 0/1/2 (never
// 3), a one-line error naming the file, no partial output, and end in bounded time.

import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeOutputs } from '../../src/cli/outputs.js';
import { CasguardError, ProblemsError } from '../../src/errors.js';
import { CLIENT_ACCESS_RULE_FUNCTIONS } from '../../src/engine/functions/client-access-rules.js';
import { compileGlob, compilePattern } from '../../src/engine/pattern.js';
import { ScanContext } from '../../src/engine/scan-context.js';
import { formatJson } from '../../src/formatters/json.js';
import { formatMarkdown } from '../../src/formatters/markdown.js';
import { fileUri } from '../../src/formatters/sarif.js';
import { formatText } from '../../src/formatters/text.js';
import { expandInputs } from '../../src/io/read-file.js';
import { loadResult } from '../../src/io/read-result.js';
import { loadBaseline, loadConfig, loadWaivers } from '../../src/io/read-settings.js';
import { writeFilesAtomic } from '../../src/io/write-output.js';
import type { CanonicalRecord } from '../../src/model/records.js';
import type { ScanResult } from '../../src/model/result.js';
import { parsePack } from '../../src/rulepack/load-pack.js';
import { formatError } from '../../src/cli/base-command.js';
import { clientAccessRule, protocolSettings } from '../support/exchange-objects.js';
import { hostileBundle } from '../support/hostile.js';
import { ingestBytes, ingestError } from '../support/ingest-helpers.js';
import { ROOT, runCli } from '../support/run-cli.js';
import { scanBundle, scanExamples } from '../support/scan-helpers.js';

let dir: string;
let examples: ScanResult;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casguard-hostile-'));
  examples = await scanExamples();
});

const seconds = (f: () => unknown) => {
  const t = performance.now();
  f();
  return (performance.now() - t) / 1000;
};

describe('side files that are not files, or too big once read', () => {
  it('/dev/zero as config, waivers, baseline, saved result or extended pack, and a FIFO as an export: exit 2 at once', () => {
    const fifo = join(dir, 'export.json');
    spawnSync('mkfifo', [fifo]);
    const pack = join(dir, 'zero-pack.yaml');
    writeFileSync(pack, 'id: zero\nversion: 1.0.0\nextends: [/dev/zero]\n');
    const runs = [
      ['scan', 'examples/contoso', '-c', '/dev/zero'],
      ['scan', 'examples/contoso', '--waivers', '/dev/zero'],
      ['scan', 'examples/contoso', '--baseline', '/dev/zero'],
      ['render', '/dev/zero'],
      ['scan', 'examples/contoso', '-p', pack],
      ['scan', fifo],
    ];
    for (const args of runs) {
      const { code, stderr } = runCli(args, { timeout: 20_000 });
      expect(code, args.join(' ')).toBe(2);
      expect(stderr.trim().split('\n')[0], args.join(' ')).toMatch(/^error: (\/dev\/zero|.*export\.json): .*(not a regular file|not a regular file)/);
    }
  });

  it('a billion-laughs YAML is refused in a moment, in packs, config and waivers', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const bomb = `${levels.join('\n')}\n`;
    expect(parsePack(`id: x\nversion: 1.0.0\nparams:\n  ${bomb.split('\n').join('\n  ')}`, 'bomb.yaml').problems[0]?.message).toMatch(/expands to more than 200000 values/);
    const file = join(dir, 'bomb.yml');
    writeFileSync(file, `params:\n  ${bomb.split('\n').join('\n  ')}`);
    expect(() => loadConfig(file)).toThrow(/expands to more than/);
    writeFileSync(file, `waivers: []\nbomb:\n  ${bomb.split('\n').join('\n  ')}`);
    expect(() => loadWaivers(file)).toThrow(/expands to more than/);
  });

  it('a baseline of null, or with null findings, is exit 2 with a clear reason', () => {
    for (const text of ['null', '{"schemaVersion":"1","findings":null}', '{"schemaVersion":"1","findings":[null]}', '[]']) {
      const file = join(dir, 'baseline.json');
      writeFileSync(file, text);
      expect(() => loadBaseline(file)).toThrow(CasguardError);
    }
  });

  it('config params of the wrong type, dates that are not, patterns that do not compile: every problem with its line', () => {
    const file = join(dir, 'casguard.yml');
    writeFileSync(file, 'params:\n  pop: "yes"\n  checkDate: garbage\n  systemMailboxPattern: "("\n  minimumBuilds: {"2016": {}}\n  privileged: {patterns: ["(?<=x)y"]}\n');
    try {
      loadConfig(file);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ProblemsError);
      expect(formatError(err as ProblemsError).split('\n')).toEqual([
        `error: ${file}:2: /params/pop: must be object [config/invalid]`,
        `error: ${file}:3: /params/checkDate: must match pattern "^\\d{4}-\\d{2}-\\d{2}" [config/invalid]`,
        `error: ${file}:5: /params/minimumBuilds/2016: must be string,null [config/invalid]`,
        expect.stringMatching(/:6: \/params\/privileged\/patterns\/0: invalid regular expression \(RE2 syntax/),
        expect.stringMatching(/:4: \/params\/systemMailboxPattern: invalid regular expression/),
      ]);
    }
  });

  it('2,000 invalid rules are all reported, in linear time', () => {
    const rules = Array.from({ length: 2000 }, (_, i) => `  BAD-${String(i).padStart(3, '0')}:\n    title: x\n    severity: severe\n    given: {kind: Nope}\n`).join('');
    let problems = 0;
    expect(seconds(() => (problems = parsePack(`id: many\nversion: 1.0.0\nrules:\n${rules}`, 'many.yaml').problems.length))).toBeLessThan(10);
    expect(problems).toBeGreaterThanOrEqual(2000);
  });

  it('a saved result written by Windows PowerShell > (UTF-16LE with BOM) is read by render and --baseline', () => {
    const file = join(dir, 'utf16-results.json');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(formatJson(examples), 'utf16le')]));
    expect(loadResult(file).findings.length).toBe(examples.findings.length);
    expect(loadBaseline(file).size).toBeGreaterThan(0);
  });
});

describe('packs and exports that name Object.prototype members', () => {
  it('exports whose property names are __proto__, valueOf, hasOwnProperty … are read, never a crash', async () => {
    const names = ['__proto__', 'constructor', 'valueOf', 'hasOwnProperty', 'toLocaleString', 'isPrototypeOf', 'toString', 'propertyIsEnumerable'];
    const pop = protocolSettings('POP3', 'EX01', 'deserialized', {}) as Record<string, unknown>;
    const text = `[${JSON.stringify(pop).slice(0, -1)},${names.map((n) => `"${n}": 1`).join(',')}}]`;
    const { records } = await ingestBytes('pop.json', text);
    expect(records[0]?.identity).toBe('EX01');
    const result = await scanBundle({ PopSettings: [JSON.parse(text)[0]], CASMailbox: [{ Identity: 'a/b/valueOf', Name: { toString: 1 }, DisplayName: { toString: 1 }, PopEnabled: true, ImapEnabled: false }] });
    expect(result.findings.length).toBeGreaterThan(0);
    expect(() => formatText(result)).not.toThrow();
  });

  it('a pack naming fact constructor or function __proto__ is a problem list, not a crash', () => {
    const pack = `id: proto\nversion: 1.0.0\nrules:\n  P-001:\n    title: Prototype fact\n    severity: low\n    given: {kind: PopSettings}\n    then: {fact: constructor}\n    message: {pass: passes here, fail: fails here, error: "errors: {{detail}}"}\n    rationale: Checks that names are looked up safely.\n    references: [x]\n  P-002:\n    title: Prototype function\n    severity: low\n    given: {kind: PopSettings}\n    check: {function: __proto__}\n    message: {pass: passes here, fail: fails here, error: "errors: {{detail}}"}\n    rationale: Checks that names are looked up safely.\n    references: [x]\n  P-003:\n    title: Prototype operator\n    severity: low\n    given: {kind: PopSettings}\n    then: {field: LoginType, constructor: 1}\n    message: {pass: passes here, fail: fails here, error: "errors: {{detail}}"}\n    rationale: Checks that names are looked up safely.\n    references: [x]\n  P-004:\n    title: Self-referencing schema\n    severity: low\n    given: {kind: PopSettings}\n    then: {field: LoginType, schema: {$ref: "#"}}\n    message: {pass: passes here, fail: fails here, error: "errors: {{detail}}"}\n    rationale: Checks that schemas cannot recurse.\n    references: [x]\n`;
    const messages = parsePack(pack, 'proto.yaml').problems.map((p) => `${p.path}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/P-001\/then\/fact: unknown fact "constructor"/),
        expect.stringMatching(/P-002\/check\/function: unknown function "__proto__"/),
        expect.stringMatching(/P-003\/then\/constructor: unknown operator "constructor"/),
        expect.stringMatching(/P-004\/then\/schema: schema: \$ref is not supported/),
      ]),
    );
  });
});

describe('odd values', () => {
  it('a date beyond the range of dates, a 100,000-character server name, 4,200 nested arrays: refused per value or per file', async () => {
    const pop = (extra: Record<string, unknown>, raw = '') => `[${JSON.stringify({ ...(protocolSettings('POP3', 'EX01', 'deserialized', {}) as object), ...extra }).slice(0, -1)}${raw}}]`;
    // Built as text: JSON.stringify itself overflows on 4,200 levels.
    const { records } = await ingestBytes('pop.json', pop({ WhenChanged: '/Date(8640000000000001)/', Banner: 'x'.repeat(100_000) }, `,"Extra":${'['.repeat(4200)}${']'.repeat(4200)}`));
    expect(records[0]?.unreadable).toMatchObject({ WhenChanged: { reason: 'invalid' }, Banner: { detail: 'text longer than 65536 characters' }, Extra: { detail: 'nested more than 32 levels deep' } });
    const name = 'E'.repeat(100_000);
    const err = await ingestError('pop.json', pop({ Server: name, Identity: `${name}\\1`, Name: '1' }));
    expect(err.code).toBe('export/unrecognized-kind');
    expect(err.message.length).toBeLessThan(400);
  });

  it('SOURCE_DATE_EPOCH past the year 9999 is exit 2', () => {
    const { code, stderr } = runCli(['scan', 'examples/contoso'], { env: { SOURCE_DATE_EPOCH: '99999999999999' } });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: SOURCE_DATE_EPOCH must be whole seconds since 1970 up to the year 9999/);
  });

  it('200,000 client access rules are evaluated without spreading them into one call', () => {
    const template = clientAccessRule({ Name: 'rule', Action: 'DenyAccess', AnyOfProtocols: ['ExchangeAdminCenter'], UsernameMatchesAnyOfPatterns: ['x*'] }, 'deserialized') as Record<string, unknown>;
    const records: CanonicalRecord[] = Array.from({ length: 200_000 }, (_, i) => ({
      kind: 'ClientAccessRule',
      identity: `rule ${i}`,
      props: { ...template, Name: `rule ${i}`, Priority: i },
      raw: {},
      unreadable: {},
      source: { path: 'rules.json', pointer: `/${i}` },
    }));
    const input = { records: new Map([['ClientAccessRule' as const, records]]), context: new ScanContext({}, '2026-11-20T00:00:00Z'), params: {}, options: {}, inputs: [], mailboxes: { total: 0, popEnabled: 0, imapEnabled: 0, popEnabledOutsideAllowList: 0, imapEnabledOutsideAllowList: 0 }, now: '2026-11-20T00:00:00Z' };
    const out = CLIENT_ACCESS_RULE_FUNCTIONS.clientAccessRuleSafeguard?.evaluate(input);
    expect(out?.[0]?.verdict).toBe('fail');
  });
});

describe('patterns and globs run in linear time', () => {
  it('the banner pattern on 60,000 digits, ^(a+)+$ on 60,000 a, a waiver glob on a 10 KB identity', () => {
    expect(seconds(() => compilePattern('(?i)microsoft|exchange|\\d+\\.\\d+\\.\\d+').test('1'.repeat(60_000)))).toBeLessThan(2);
    expect(seconds(() => compilePattern('^(a+)+$').test(`${'a'.repeat(60_000)}b`))).toBeLessThan(2);
    const glob = compileGlob('*a*a*a*a*a*b');
    expect(seconds(() => glob.test('a'.repeat(10_000)))).toBeLessThan(2);
    expect(compileGlob('corp/*/Ann ?xample').test('CORP/Staff/ann Example')).toBe(true);
  });
});

describe('output and the file system', () => {
  it('a closed pipe ends quietly; a full disk is one line and exit 2', () => {
    const bin = join(ROOT, 'bin/run.js');
    const pipe = spawnSync('bash', ['-c', `node ${bin} scan examples/contoso --json | head -c1 >/dev/null; echo "\${PIPESTATUS[0]}"`], { cwd: ROOT, encoding: 'utf8' });
    expect(pipe.stdout.trim()).toBe('0');
    expect(pipe.stderr).toBe('');
    const full = spawnSync('bash', ['-c', `node ${bin} scan examples/contoso --json >/dev/full`], { cwd: ROOT, encoding: 'utf8' });
    expect(full.status).toBe(2);
    expect(full.stderr).toBe('error: cannot write to standard output: no space left on the device [output/unwritable]\n');
  });

  it('never writes through a symbolic link planted at the report path, and leaves no temporary file', async () => {
    const out = join(dir, 'out-link');
    mkdirSync(out);
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, join(out, 'results.json'));
    await writeFilesAtomic([{ path: join(out, 'results.json'), content: '{}' }]);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(join(out, 'results.json')).isFile()).toBe(true);
    expect(readdirSync(out)).toEqual(['results.json']);
  });

  it('a set of reports is written whole or not at all; two runs never write into one folder at once', async () => {
    const out = join(dir, 'out-set');
    mkdirSync(join(out, 'report.md'), { recursive: true });
    writeFileSync(join(out, 'results.json'), 'old');
    await expect(writeOutputs(examples, ['json', 'markdown'], out)).rejects.toThrow(/a folder stands where the report goes/);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe('old');
    const locked = join(dir, 'out-locked');
    mkdirSync(locked);
    writeFileSync(join(locked, '.casguard-writing.lock'), '');
    await expect(writeOutputs(examples, ['json', 'sarif'], locked)).rejects.toThrow(/another casguard run is writing into this folder/);
    expect(readdirSync(locked)).toEqual(['.casguard-writing.lock']);
  });

  it('-o may not name an input file or the exports folder, and several formats need a folder', async () => {
    const exports = join(dir, 'exports');
    mkdirSync(exports);
    const input = join(exports, 'PopSettings.json');
    writeFileSync(input, '[]');
    await expect(writeOutputs(examples, ['json'], input, { inputs: [input] })).rejects.toThrow(/would overwrite an input file/);
    await expect(writeOutputs(examples, ['json', 'html'], exports, { inputs: [exports] })).rejects.toThrow(/exports folder that is being read/);
    await expect(writeOutputs(examples, ['json', 'html'], join(dir, 'report.html'))).rejects.toThrow(/-o names a file, but 2 formats need a folder/);
    expect(readFileSync(input, 'utf8')).toBe('[]');
  });

  it('follows symbolic links to exports and folders, once, even in a loop', async () => {
    const root = join(dir, 'linked');
    mkdirSync(join(root, 'real'), { recursive: true });
    writeFileSync(join(root, 'real', 'Pop.json'), '[]');
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'Imap.json'), '[]');
    symlinkSync(join(elsewhere, 'Imap.json'), join(root, 'Imap.json'));
    symlinkSync(root, join(root, 'real', 'loop'));
    const files = await expandInputs([root], dir);
    expect(files.sort()).toEqual(['linked/Imap.json', 'linked/real/Pop.json']);
  });

  it('strips terminal control sequences from exported text, and keeps every error one line', async () => {
    const hostile = await scanBundle(hostileBundle());
    const text = formatText(hostile);
    // eslint-disable-next-line no-control-regex -- control characters are what must not reach a terminal
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(text).toContain('click\uFFFD');
    const err = new CasguardError('export/invalid-json', 'bad\r\nerror: forged line', { location: { file: 'evil\u001b[2J\nname.json' } });
    expect(formatError(err).split('\n')).toHaveLength(1);
    expect(formatError(err)).not.toContain('\u001b');
  });
});

describe('smaller promises', () => {
  it('a 0-byte CASMailbox.json beside servers is missing evidence: the mailbox rules give errors', async () => {
    const result = await scanBundle({ PopSettings: [protocolSettings('POP3', 'EX01', 'deserialized', {})], CASMailbox: [] });
    const mailboxRules = result.findings.filter((f) => f.ruleId.startsWith('EXCAS-00') && f.ruleId !== 'EXCAS-006');
    expect(new Set(mailboxRules.map((f) => f.verdict))).toEqual(new Set(['error']));
    expect(result.notes).toContainEqual(expect.stringMatching(/holds no mailbox although servers were exported/));
  });

  it('SARIF URIs are percent-encoded path segments', () => {
    expect(fileUri('my exports/Pop #1 100%.json')).toBe('my%20exports/Pop%20%231%20100%25.json');
    expect(fileUri('C:\\audit\\x y.json')).toBe('C%3A/audit/x%20y.json');
  });

  it('the order of the inputs does not change what EXX findings say', async () => {
    const pops = [protocolSettings('POP3', 'EXB', 'deserialized', { LoginType: 'PlainTextLogin' }), protocolSettings('POP3', 'EXA', 'deserialized', {})];
    const one = await scanBundle({ PopSettings: pops });
    const two = await scanBundle({ PopSettings: [...pops].reverse() });
    const exx = (r: ScanResult) => r.findings.filter((f) => f.ruleId.startsWith('EXX')).map((f) => f.message);
    expect(exx(one)).toEqual(exx(two));
    expect(exx(one).join('\n')).toMatch(/SecureLogin on EXA; PlainTextLogin on EXB/);
  });

  it('a key repeated in one object is warned about (JSON.parse keeps the last silently)', async () => {
    const { summary } = await ingestBytes('pop.json', '[{"Server":"EX01","ProtocolName":"POP3","LoginType":"PlainTextLogin","LoginType":"SecureLogin"}]');
    expect(summary.warnings).toContainEqual(expect.stringMatching(/^the key "LoginType" appears twice in one object/));
  });

  it('Markdown escapes rule ids, versions and dates from a saved result', () => {
    const doctored = JSON.parse(formatJson(examples)) as ScanResult;
    doctored.tool.version = '<img src=x onerror=alert(1)>';
    for (const f of doctored.findings) f.ruleId = '<img src=x onerror=alert(2)>';
    const md = formatMarkdown(doctored);
    expect(md).not.toMatch(/<img/);
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('the README states the limits', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toMatch(/## Limits/);
    for (const limit of ['4 MB', '480 MB', '65,536 characters', '32 levels', '16 levels']) expect(readme).toContain(limit);
  });
});

describe('identities and fingerprints', () => {
  it('EXCAS-006 names the file, not its path: a baseline taken from another folder still matches', async () => {
    const { IdentitySet } = await import('../../src/app/identity-set.js');
    const a = await scanExamples();
    const excas006 = a.findings.filter((f) => f.ruleId === 'EXCAS-006');
    expect(excas006.length).toBeGreaterThan(0);
    for (const f of excas006) expect(f.identity).not.toMatch(/[\\/]/);
    // Identities are kept as SHA-256 digests: two different ones never count as one.
    const set = new IdentitySet();
    expect(set.add('corp.contoso.com/Staff/a', 1)).toBeUndefined();
    expect(set.add('corp.contoso.com/Staff/b', 2)).toBeUndefined();
    expect(set.add('corp.contoso.com/Staff/a', 3)).toBe(1);
  });
});
