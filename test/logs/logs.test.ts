// casguard logs (issue 10): reading Exchange POP3/IMAP4 protocol logs, the EXLOG rules, the client list,
// cross-reference with exports, outputs and bad input.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AjvModule from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import schema from '../../src/report/logs-result.schema.json' with { type: 'json' };

const Ajv = AjvModule.default ?? AjvModule;
import { runLogs, type LogsRequest } from '../../src/app/run-logs.js';
import { formatLogsCsv } from '../../src/formatters/logs/csv.js';
import { formatLogsHtml } from '../../src/formatters/logs/html.js';
import { formatLogsMarkdown } from '../../src/formatters/logs/markdown.js';
import { formatLogsText } from '../../src/formatters/logs/text.js';
import { fileExportSource } from '../../src/io/export-source.js';
import { expandInputs, isLogFileName } from '../../src/io/read-file.js';
import { readLogLines } from '../../src/io/read-log-lines.js';
import { loadConfig } from '../../src/io/read-settings.js';
import { loadLogsTemplates } from '../../src/io/templates.js';
import { contextFromPath } from '../../src/logs/log-file.js';
import { splitCsvLine, splitEndpoint } from '../../src/logs/parse-log.js';
import type { LogsResult } from '../../src/model/logs.js';
import { PAYLOADS } from '../support/hostile.js';
import { ROOT, runCli } from '../support/run-cli.js';
import { loadLogRules } from '../../src/io/read-log-pack.js';

const source = { expand: (inputs: readonly string[]) => expandInputs(inputs, ROOT, isLogFileName, 'protocol log files'), lines: readLogLines };
const params = loadConfig(join(ROOT, 'examples/casguard.yml'))?.params ?? {};
const request = (inputs: string[], extra: Partial<LogsRequest> = {}): LogsRequest => ({ inputs, params, rules: loadLogRules(), failOn: 'high', now: '2026-11-30T00:00:00Z', toolVersion: '0.1.0', ...extra });
let examples: LogsResult;
let dir: string;
beforeAll(async () => {
  examples = await runLogs(request([join(ROOT, 'examples/logs')]), source);
  dir = mkdtempSync(join(tmpdir(), 'casguard-logs-'));
});

const HEADER = '#Software: Microsoft Exchange Server\r\n#Version: 15.02.1544.004\r\n#Log-type: POP3 Protocol Log\r\n#Date: 2026-11-20T00:00:00.000Z\r\n#Fields: dateTime,sessionId,seqNumber,sIp,cIp,user,duration,rqsize,rpsize,command,parameters,context,puid\r\n';

describe('reading protocol logs', () => {
  it('splits quoted CSV fields, endpoints of IPv4 and IPv6, and reads server and protocol from the folder layout', () => {
    expect(splitCsvLine('a,"b,""c""",,d,')).toEqual(['a', 'b,"c"', '', 'd', '']);
    expect(splitCsvLine('a,"open')).toBeUndefined();
    expect(splitEndpoint('10.0.0.1:110')).toEqual({ address: '10.0.0.1', port: 110 });
    expect(splitEndpoint('[2001:DB8::1]:993')).toEqual({ address: '2001:db8::1', port: 993 });
    expect(splitEndpoint('[::ffff:10.0.0.9]:995')).toEqual({ address: '10.0.0.9', port: 995 });
    expect(contextFromPath('logs/EX01/Pop3/POP32026112008-1.LOG')).toEqual({ server: 'EX01', protocol: 'POP3', backend: false });
    expect(contextFromPath('EX02/V15/Logging/Imap4BE/IMAP4BE2026112008-1.LOG')).toEqual({ server: 'EX02', protocol: 'IMAP4', backend: true });
  });

  it('reads the examples: both protocols, two servers, IPv6, loopback probes kept apart, a cut-off last line reported', () => {
    expect(examples.servers.map((s) => `${s.server} ${s.protocols.join('+')}`)).toEqual(['EX2016B POP3', 'EXSE01 IMAP4']);
    const ipv6 = examples.clients.find((c) => c.client === 'fd00:10::25');
    expect(ipv6).toMatchObject({ server: 'EX2016B', protocol: 'POP3', ports: [995], users: ['CORP\\jsmith'], clearLogons: 0, external: false });
    expect(examples.clients.find((c) => c.client === '127.0.0.1')).toMatchObject({ loopback: true });
    expect(examples.notes).toContainEqual(expect.stringMatching(/POP32026112008-1\.LOG: line 69: skipped: 10 fields where 13 were expected/));
  });

  it('finds plain-text logons: USER/PASS on 110 before STLS, AUTHENTICATE PLAIN on 143; never STLS/STARTTLS or 995/993 sessions', () => {
    const clear = examples.findings.filter((f) => f.ruleId === 'EXLOG-001');
    expect(clear.map((f) => `${f.identity} ${f.severity}`)).toEqual(['EX2016B/POP3/10.20.30.40 critical', 'EXSE01/IMAP4/10.20.30.61 high']);
    expect(examples.clients.find((c) => c.client === '10.20.30.41')).toMatchObject({ clearLogons: 0, commands: expect.arrayContaining(['stls', 'pass']) });
    expect(examples.clients.find((c) => c.client === '10.20.30.60')).toMatchObject({ clearLogons: 0, commands: expect.arrayContaining(['starttls', 'login']) });
  });

  it('the JSON result matches its schema', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(JSON.parse(JSON.stringify(examples))), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('evaluates the other EXLOG rules: privileged logon, outside the allow-list, guessing, external, direct back end', () => {
    const ids = (rule: string) => examples.findings.filter((f) => f.ruleId === rule).map((f) => f.identity);
    expect(ids('EXLOG-002')).toEqual(['EXSE01/IMAP4/10.20.30.60/adm-jsmith']);
    expect(ids('EXLOG-003')).toEqual(['EX2016B/POP3/CORP\\ann.example', 'EX2016B/POP3/CORP\\jsmith', 'EXSE01/IMAP4BE/backup']);
    expect(ids('EXLOG-004')).toEqual(['EX2016B/POP3/203.0.113.7']);
    expect(ids('EXLOG-005')).toEqual(['EX2016B/POP3/203.0.113.7']);
    expect(ids('EXLOG-006')).toEqual(['EXSE01/IMAP4BE/10.20.30.99']);
    expect(examples.gate).toEqual({ failOn: 'high', passed: false, exitCode: 1 });
  });

  it('reads the older endpoint/event layout, lines without a header (with a warning), and a time window', async () => {
    const old = join(dir, 'old', 'EX13', 'Pop3');
    mkdirSync(old, { recursive: true });
    writeFileSync(join(old, 'POP3-1.LOG'), '#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n2026-11-20T08:00:00.000Z,,S1,0,10.0.0.5:110,10.9.9.9:4000,+,,\r\n2026-11-20T08:00:01.000Z,,S1,1,10.0.0.5:110,10.9.9.9:4000,<,USER bob,\r\n2026-11-20T08:00:02.000Z,,S1,2,10.0.0.5:110,10.9.9.9:4000,<,PASS *****,R=+OK\r\n');
    const bare = join(dir, 'bare.txt');
    writeFileSync(bare, '2026-11-21T08:00:00.000Z,1,0,10.0.0.6:143,10.9.9.8:4000,,0,0,0,OpenSession,,\r\n2026-11-21T08:00:01.000Z,1,1,10.0.0.6:143,10.9.9.8:4000,carol,0,0,0,login,carol *****,R=ok\r\n');
    const all = await runLogs(request([join(dir, 'old'), bare]), { expand: (i) => expandInputs(i, process.cwd(), isLogFileName, 'logs'), lines: readLogLines });
    expect(all.findings.filter((f) => f.ruleId === 'EXLOG-001').map((f) => f.identity)).toEqual(['10.0.0.6/IMAP4/10.9.9.8', 'EX13/POP3/10.9.9.9']);
    expect(all.notes).toContainEqual(expect.stringMatching(/bare\.txt: line 1: no #Fields header/));
    const window = await runLogs(request([join(dir, 'old'), bare], { from: '2026-11-21T00:00:00Z' }), { expand: (i) => expandInputs(i, process.cwd(), isLogFileName, 'logs'), lines: readLogLines });
    expect(window.clients.map((c) => c.client)).toEqual(['10.9.9.8']);
  });

  it('a file that is not a protocol log is said so, the rest still read; a folder with no log is an error naming it', async () => {
    const mixed = join(dir, 'mixed');
    mkdirSync(mixed);
    writeFileSync(join(mixed, 'notes.txt'), 'hello\r\nworld\r\n');
    writeFileSync(join(mixed, 'POP3-1.LOG'), `${HEADER}2026-11-20T08:00:00.000Z,1,0,10.0.0.5:995,10.9.9.9:4000,,1,1,1,OpenSession,,,\r\n`);
    // A user name in Windows-1252 (0xE9 "é"): not UTF-8, reported with its line, the event still read.
    writeFileSync(join(mixed, 'POP3-2.LOG'), Buffer.concat([Buffer.from(`${HEADER}2026-11-20T08:00:01.000Z,2,0,10.0.0.5:995,10.9.9.7:4001,Ren`), Buffer.from([0xe9]), Buffer.from(',1,1,1,user,x,R=+OK,\r\n')]));
    const r = await runLogs(request([mixed]), { expand: (i) => expandInputs(i, process.cwd(), isLogFileName, 'logs'), lines: readLogLines });
    expect(r.notes).toContainEqual(expect.stringMatching(/notes\.txt: line 1: .*skipped/));
    expect(r.notes).toContainEqual(expect.stringMatching(/POP3-2\.LOG: line 6: bytes that are not UTF-8/));
    expect(r.clients).toHaveLength(2);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const cli = runCli(['logs', empty]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/^error: .*empty: directory holds no protocol log files \(\*\.log or \*\.txt\)/);
  });
});

describe('cross-reference and outputs', () => {
  it('with --settings: what requiring SecureLogin or switching a protocol off would break, and servers with no evidence', async () => {
    const r = await runLogs(request([join(ROOT, 'examples/logs')], { settings: [join(ROOT, 'examples/contoso')] }), source, fileExportSource);
    const texts = r.impact.map((i) => i.text);
    expect(texts).toContainEqual('requiring SecureLogin on EX2016B breaks 1 POP3 client that logs on in clear: 10.20.30.40');
    expect(texts).toContainEqual(expect.stringMatching(/^switching POP3 off on EX2016B breaks 4 clients: 10\.20\.30\.40 \(CORP\\svc-scanner\)/));
    expect(texts).toContainEqual(expect.stringMatching(/^no evidence from IMAP4 on EX2016B: protocol logging is off there/));
    expect(texts).toContainEqual('no evidence from POP3 on EX2016A: no log file of it was given');
  });

  it('CSV opens cleanly in Excel and neutralises formulas; Markdown, text and HTML escape what the logs carry', async () => {
    const hostileDir = join(dir, 'hostile', 'EX01', 'Imap4');
    mkdirSync(hostileDir, { recursive: true });
    const users = ['=HYPERLINK("https://evil.example","x")', ...PAYLOADS];
    writeFileSync(join(hostileDir, 'IMAP4-1.LOG'), HEADER.replace('POP3', 'IMAP4') + users.map((u, i) => `2026-11-20T08:00:0${i}.000Z,${i},0,10.0.0.5:993,10.9.9.${i}:4000,"${u.replace(/"/g, '""').replace(/[\r\n]/g, ' ')}",1,1,1,login,x *****,R=ok,\r\n`).join(''));
    const r = await runLogs(request([join(dir, 'hostile')]), { expand: (i) => expandInputs(i, process.cwd(), isLogFileName, 'logs'), lines: readLogLines });
    const csv = formatLogsCsv(r);
    expect(csv.startsWith('\uFEFFServer,Protocol,')).toBe(true);
    expect(csv).toContain('\r\n');
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"",""x"")"`);
    expect(csv).not.toMatch(/(^|,)=/m);
    const html = formatLogsHtml(r, loadLogsTemplates());
    expect(html).toMatch(/Content-Security-Policy" content="default-src &#x27;none&#x27;/);
    expect(html).not.toMatch(/<img|<script|<svg|<link rel/);
    expect(html).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(formatLogsMarkdown(r)).not.toMatch(/<img|[\u202a-\u202e]/);
    // eslint-disable-next-line no-control-regex -- control characters are what must not reach a terminal
    expect(formatLogsText(r)).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });

  it('the CLI writes every format as a set and gates like scan', () => {
    const out = join(dir, 'report');
    const cli = runCli(['logs', 'examples/logs', '-c', 'examples/casguard.yml', '-f', 'html', '-f', 'json', '-f', 'csv', '-f', 'markdown', '-o', out]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`wrote ${join(out, 'clients.csv')}`);
    expect(runCli(['logs', 'examples/logs', '-c', 'examples/casguard.yml', '--fail-on', 'none']).code).toBe(0);
    expect(runCli(['logs', 'examples/logs', '--since', 'soon']).stderr).toMatch(/--since "soon" is not a duration/);
  });
});

describe('logs given to scan next to exports', () => {
  it('EXLOG findings join the scan result, its rules, the gate and every format (SARIF valid)', async () => {
    const cli = runCli(['scan', 'examples/contoso', '-c', 'examples/casguard.yml', '--logs', 'examples/logs', '--json']);
    expect(cli.code).toBe(1);
    const result = JSON.parse(cli.stdout) as { findings: { ruleId: string; severity: string }[]; rules: { id: string }[]; notes: string[] };
    expect(result.findings.filter((f) => f.ruleId === 'EXLOG-001').map((f) => f.severity)).toEqual(['critical', 'high']);
    expect(result.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['EXLOG-001', 'EXLOG-006', 'EXPOP-001']));
    expect(result.notes).toContainEqual(expect.stringMatching(/^protocol logs: 3 files, 80 events/));
    const { formatSarif } = await import('../../src/formatters/sarif.js');
    const sarif = JSON.parse(formatSarif(result as never));
    expect(sarif.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'EXLOG-004')).toBe(true);
  });

  it('the EXLOG rules are a rule pack: casguard.yml switches one off or changes its severity, an unknown one is refused', () => {
    const cfg = join(dir, 'log-overrides.yml');
    writeFileSync(cfg, 'overrides:\n  EXLOG-005: off\n  EXLOG-001: { severity: low }\n  EXPOP-015: { severity: low }\n');
    const cli = runCli(['logs', 'examples/logs', '-c', cfg, '--fail-on', 'none', '--json']);
    expect(cli.code).toBe(0);
    const result = JSON.parse(cli.stdout) as LogsResult;
    expect(result.rules.map((r) => r.id)).not.toContain('EXLOG-005');
    expect(result.findings.some((f) => f.ruleId === 'EXLOG-005')).toBe(false);
    const clear = result.findings.filter((f) => f.ruleId === 'EXLOG-001');
    expect(clear.length).toBeGreaterThan(0);
    expect(new Set(clear.map((f) => f.severity))).toEqual(new Set(['low']));
    expect(result.rules.find((r) => r.id === 'EXLOG-001')).toMatchObject({ severity: 'low', pack: 'exchange-logs' });
    // The same config works for scan, whose packs never see the EXLOG overrides.
    expect(runCli(['scan', 'examples/contoso', '-c', cfg, '--fail-on', 'none', '-q']).code).toBe(0);
    writeFileSync(cfg, 'overrides:\n  EXLOG-999: off\n');
    const bad = runCli(['logs', 'examples/logs', '-c', cfg]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/override of unknown rule EXLOG-999/);
  });

  it('the log pack is versioned YAML checked against its schema', () => {
    const rules = loadLogRules();
    expect(rules.map((r) => r.id)).toEqual(['EXLOG-001', 'EXLOG-002', 'EXLOG-003', 'EXLOG-004', 'EXLOG-005', 'EXLOG-006']);
    for (const r of rules) expect(r).toMatchObject({ pack: 'exchange-logs', title: expect.any(String), references: expect.arrayContaining([expect.stringMatching(/^https:\/\//)]) });
    const broken = join(dir, 'broken-log-pack.yaml');
    writeFileSync(broken, 'id: x\nversion: 1.0.0\nrules:\n  EXLOG-001: { title: T, severity: severe, rationale: R, references: [] }\n');
    expect(() => loadLogRules(broken)).toThrow(/invalid log rule pack: \/rules\/EXLOG-001\/severity must be equal to one of the allowed values/);
  });
});
