// scan --jobs (issue 12): a large mailbox export read by worker threads gives byte-for-byte the result
// of a sequential read — every report format, UTF-8 and UTF-16LE — and anything unusual in the file
// (a warning, another kind, an error, a duplicate) is left to the sequential read, so messages and exit
// codes do not depend on the number of threads.

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { IdentityRegistry } from '../../src/app/identity-registry.js';
import { PARALLEL_MIN_BYTES, scanInParallel } from '../../src/app/parallel-scan.js';
import { Evaluator } from '../../src/engine/evaluate.js';
import { filePackReader } from '../../src/io/read-settings.js';
import { resolvePacks } from '../../src/rulepack/resolve-packs.js';
import { casMailboxLive, protocolSettings } from '../support/exchange-objects.js';
import { toPs51Json } from '../support/ps-json.js';
import { runCli } from '../support/run-cli.js';

const COUNT = 2600; // about 9.6 MB in PS 5.1 formatting: above PARALLEL_MIN_BYTES
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'casguard-jobs-'));
});

/** A Get-CASMailbox export as Windows PowerShell 5.1 writes it; `edit` may change or replace mailbox i. */
function writeExport(name: string, encoding: 'utf8' | 'utf16le', edit: (i: number, mailbox: Record<string, unknown>) => unknown = (_i, m) => m): string {
  const items = Array.from({ length: COUNT }, (_, i) => {
    const mailbox = casMailboxLive(i) as Record<string, unknown>;
    if (i % 3 === 0) mailbox.PopEnabled = false;
    if (i % 7 === 0) mailbox.DisplayName = `Zoë <b>${i}</b> 日本`;
    return edit(i, mailbox);
  });
  const text = `[\r\n${items.map((m) => `    ${toPs51Json(m, '\r\n').replace(/\r\n/g, '\r\n    ')}`).join(',\r\n')}\r\n]\r\n`;
  const path = join(dir, name);
  writeFileSync(path, encoding === 'utf16le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) : text);
  return path;
}

/** Every report of one scan, by file name. */
function scanReports(path: string, jobs: number, extra: string[] = []): { code: number | null; stderr: string; files: Record<string, string> } {
  const out = join(dir, `out-${jobs}-${Math.random().toString(36).slice(2)}`);
  const run = runCli(['scan', path, '--jobs', String(jobs), '--fail-on', 'medium', '-f', 'json,sarif,junit,csv,remediation,markdown,html', '-o', out, ...extra], { env: { SOURCE_DATE_EPOCH: '1764460800' }, timeout: 120_000 });
  const files: Record<string, string> = {};
  if (run.code !== 2) for (const f of readdirSync(out)) files[f] = readFileSync(join(out, f), 'utf8');
  return { code: run.code, stderr: run.stderr.replaceAll(out, 'OUT'), files };
}

/** Whether the worker threads read the file (rather than handing it back to the sequential read). */
async function readInParallel(path: string): Promise<boolean> {
  const packs = resolvePacks(['exchange-baseline'], filePackReader());
  const evaluator = new Evaluator(packs, '2026-11-30T00:00:00Z');
  return (await scanInParallel(path, new IdentityRegistry(), { jobs: 2, packs, now: '2026-11-30T00:00:00Z', allFindings: false, evaluator })) !== undefined;
}

describe('scan --jobs', () => {
  for (const encoding of ['utf8', 'utf16le'] as const) {
    it(`${encoding}: the threads read the file, and every report is byte-for-byte the sequential one with 1, 2 or 3 jobs`, async () => {
      const path = writeExport(`mailboxes-${encoding}.json`, encoding);
      expect(readFileSync(path).length).toBeGreaterThan(PARALLEL_MIN_BYTES);
      expect(await readInParallel(path)).toBe(true);
      const one = scanReports(path, 1);
      expect(one.code).toBe(1);
      expect(Object.keys(one.files).sort()).toEqual(['action-plan.csv', 'remediation.ps1', 'report.html', 'report.md', 'results.json', 'results.junit.xml', 'results.sarif']);
      // Positions come from the threads' segments: the last mailbox's pointer and SARIF line must be the file's.
      const results = JSON.parse(one.files['results.json'] as string) as { findings: { identity: string; source: { pointer: string; offset?: number } }[] };
      expect(results.findings.find((f) => f.identity.endsWith(`User ${String(COUNT - 1).padStart(6, '0')}`))?.source.pointer).toBe(`/${COUNT - 1}`);
      for (const jobs of [2, 3]) {
        const many = scanReports(path, jobs);
        expect(many.code).toBe(one.code);
        expect(many.stderr).toBe(one.stderr);
        for (const [name, text] of Object.entries(one.files)) expect(many.files[name], `${name} with --jobs ${jobs}`).toBe(text);
      }
      if (encoding === 'utf8') {
        // With --all-findings the threads hand back every mailbox's passes too.
        const all = scanReports(path, 1, ['--all-findings']);
        expect((JSON.parse(all.files['results.json'] as string) as { findings: { verdict: string }[] }).findings.filter((f) => f.verdict === 'pass').length).toBeGreaterThan(COUNT / 4);
        expect(scanReports(path, 2, ['--all-findings']).files).toEqual(all.files);
      }
    });
  }

  it('a warning, another kind, broken JSON or a duplicate in the file: the same words and exit code whatever the number of threads', async () => {
    const cases = {
      truncated: writeExport('truncated.json', 'utf8', (i, m) => (i === COUNT - 5 ? { ...m, EmailAddresses: 'Microsoft.Exchange.Data.ProxyAddressCollection' } : m)),
      otherKind: writeExport('other-kind.json', 'utf8', (i, m) => (i === COUNT - 5 ? protocolSettings('pop', 'EX01', 'live') : m)),
      duplicate: writeExport('duplicate.json', 'utf8', (i, m) => (i === COUNT - 5 ? casMailboxLive(3) : m)),
    };
    const broken = join(dir, 'broken.json');
    const text = readFileSync(cases.truncated, 'utf8');
    writeFileSync(broken, `${text.slice(0, Math.floor(text.length * 0.8))}"oops": ,${text.slice(Math.floor(text.length * 0.8))}`);
    for (const [name, path] of Object.entries({ ...cases, broken })) {
      expect(await readInParallel(path), name).toBe(false);
      const one = scanReports(path, 1);
      const two = scanReports(path, 2);
      expect(two.code, name).toBe(one.code);
      expect(two.stderr, name).toBe(one.stderr);
      expect(two.files, name).toEqual(one.files);
    }
    expect(scanReports(cases.duplicate, 2).stderr).toMatch(/duplicate CASMailbox .*earlier in the same file/);
    expect(scanReports(broken, 2).stderr).toMatch(/invalid JSON/);
  });
});
