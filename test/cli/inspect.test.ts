import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { protocolSettings } from '../support/exchange-objects.js';
import { encodeUtf16LeBom, toPs51Json, toPs7Json } from '../support/ps-json.js';
import { runCli } from '../support/run-cli.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'casguard-cli-'));
  const pop = toPs7Json([protocolSettings('POP3', 'EX01', 'deserialized')]);
  writeFileSync(join(dir, 'PopSettings.json'), pop);
  // Truncated in the middle of line 5 of a UTF-16LE file.
  const imap = toPs51Json([protocolSettings('IMAP4', 'EX01', 'live')]);
  const lines = imap.split('\r\n');
  writeFileSync(join(dir, 'ImapSettings.json'), encodeUtf16LeBom(`${lines.slice(0, 4).join('\r\n')}\r\n${lines[4]?.slice(0, 20)}`));
  writeFileSync(join(dir, 'ClientAccessRule.json'), '');
  writeFileSync(join(dir, 'table.txt'), 'ProtocolName LoginType\r\n------------ ---------\r\nPOP3         SecureLogin\r\n');
  writeFileSync(join(dir, 'list.txt'), 'ProtocolName : POP3\r\nServer       : EX09\r\nLoginType    : SecureLogin\r\n');
  mkdirSync(join(dir, 'empty-dir'));
  writeFileSync(join(dir, 'empty-dir', 'notes.md'), '# not an export');
});

describe('casguard inspect', () => {
  it('prints one line per example file and exits 0', () => {
    const { code, stdout, stderr } = runCli(['inspect', 'examples/contoso']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^FILE\s+KIND\s+RECORDS\s+ENCODING\s+FORMAT\s+WARNINGS\s+SHA-256$/);
    expect(lines).toHaveLength(11);
    expect(stdout).toMatch(/examples\/contoso\/legacy-ex2016\/CASMailbox\.json\s+CASMailbox\s+36\s+utf-16le-bom\s+json \(PS 5\.1\)\s+0\s+[0-9a-f]{64}/);
    expect(stdout).toMatch(/examples\/contoso\/se\/ClientAccessRule\.json\s+ClientAccessRule\s+3\s+utf-8\s+json \(PS 7\)\s+0\s+[0-9a-f]{64}/);
  });

  it('prints the same as data with --json', () => {
    const { code, stdout } = runCli(['inspect', 'examples/contoso', '--json']);
    expect(code).toBe(0);
    const data = JSON.parse(stdout) as Record<string, unknown>[];
    expect(data).toHaveLength(10);
    for (const entry of data) {
      expect(Object.keys(entry)).toEqual(['path', 'kind', 'count', 'kinds', 'encoding', 'format', 'flavour', 'bytes', 'sha256', 'warnings']);
    }
    expect(data.find((e) => e.kind === 'manifest')).toMatchObject({ path: 'examples/contoso/manifest.json', count: 1 });
  });

  it('names the bad file with line:column, still lists the good ones, and exits 2', () => {
    const { code, stdout, stderr } = runCli(['inspect', dir]);
    expect(code).toBe(2);
    expect(stdout).toMatch(/PopSettings\.json\s+PopSettings\s+1\s+utf-8\s+json \(PS 7\)/);
    expect(stdout).toMatch(/list\.txt\s+PopSettings\s+1\s+utf-8\s+format-list\s+1/);
    expect(stdout).toMatch(/warning: .*list\.txt: read from Format-List text, which is lossy/);
    expect(stdout).toMatch(/ClientAccessRule\.json\s+ClientAccessRule\s+0/);
    expect(stdout).toMatch(/warning: .*ClientAccessRule\.json: no records: taken as an empty Get-ClientAccessRule export/);
    expect(stderr).toContain(`error: ${join(dir, 'ImapSettings.json')}:5:21: invalid JSON: unexpected end of file: the JSON is truncated`);
    expect(stderr).toMatch(/table\.txt: not an export casguard reads: this is a text table \(Format-Table output\) \[export\/not-json\]\n {2}hint: Format-Table shows only some properties, cut to the console width; export JSON or CliXml instead/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('reports errors as data under --json', () => {
    const { code, stdout } = runCli(['inspect', join(dir, 'table.txt'), join(dir, 'PopSettings.json'), '--json']);
    expect(code).toBe(2);
    const data = JSON.parse(stdout) as Record<string, unknown>[];
    expect(data.map((e) => e.path)).toEqual([join(dir, 'table.txt'), join(dir, 'PopSettings.json')]);
    expect(data[0]).toMatchObject({ error: { code: 'export/not-json', exitCode: 2, location: { file: join(dir, 'table.txt') } } });
  });

  it('refuses a missing file and a directory without exports', () => {
    const missing = runCli(['inspect', 'no-such-file.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('error: no-such-file.json: no such file or directory [export/not-found]\n');
    const empty = runCli(['inspect', join(dir, 'empty-dir')]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/empty-dir: directory holds no export files/);
  });

  it('refuses bad usage with exit 2 and documents exit codes in --help', () => {
    const none = runCli(['inspect']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^error: Missing 1 required arg/);
    const badFlag = runCli(['inspect', 'examples', '--no-such-flag']);
    expect(badFlag.code).toBe(2);
    const help = runCli(['inspect', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/EXIT CODES\n\s+0 {2}every file was read/);
  });

  it('shows a stack trace only with --verbose', () => {
    const plain = runCli(['inspect', join(dir, 'ImapSettings.json')]);
    expect(plain.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    const verbose = runCli(['inspect', join(dir, 'ImapSettings.json'), '--verbose']);
    expect(verbose.code).toBe(2);
    expect(verbose.stderr).toMatch(/\n\s+at .*ingest-export/);
  });
});
