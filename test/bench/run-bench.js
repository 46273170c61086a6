// `npm run bench`: ingest + normalise throughput and memory against plain JSON.parse, on generated
// Get-CASMailbox exports (PS 5.1 formatting): 100,000 mailboxes, then 2 GB in UTF-8 and in UTF-16LE.
// Each measurement runs in its own process so that peak RSS belongs to that measurement alone.
// CliXml: a 1 GB Export-Clixml file (256 MB with --quick).
// Growth: scans of 10,000 and 100,000 mailboxes (and 1,000,000, about 4.6 GB, with --large): seconds, MB/s, peak RSS.
// Options: --quick (skip the 2 GB files), --large (add the 1M-mailbox row), --dir DIR (where to keep the
// generated files; default the OS temp dir).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCasExport } from './generate-cas-export.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const large = args.includes('--large');
const dirIndex = args.indexOf('--dir');
const dir = dirIndex >= 0 ? args[dirIndex + 1] : join(tmpdir(), 'casguard-bench');
const measure = fileURLToPath(new URL('./measure.js', import.meta.url));
const GB2 = 2 * 1024 ** 3;

mkdirSync(dir, { recursive: true });

async function ensureFile(name, options) {
  const path = join(dir, name);
  if (!existsSync(path)) {
    process.stdout.write(`generating ${path} ... `);
    const t = performance.now();
    const { bytes, records } = await generateCasExport(path, options);
    process.stdout.write(`${(bytes / 1e6).toFixed(0)} MB, ${records} mailboxes in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  }
  return path;
}

/** `mode` may carry its argument after a colon: `scan:2` is a scan with two worker threads. */
function run(spec, path, other) {
  const [mode, arg] = spec.split(':');
  other ??= arg;
  const out = execFileSync(process.execPath, ['--expose-gc', measure, mode, path, ...(other ? [other] : [])], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out);
}

function row(label, r, bytes) {
  if (r.error) return `${label.padEnd(34)} failed: ${r.error}`;
  const s = r.ms / 1000;
  const mbs = bytes / 1e6 / s;
  const recs = r.records ? `${Math.round(r.records / s).toLocaleString('en-US').padStart(9)} rec/s` : ''.padStart(15);
  return `${label.padEnd(34)} ${s.toFixed(2).padStart(7)} s ${mbs.toFixed(0).padStart(6)} MB/s ${recs}   peak RSS ${String(Math.round(r.maxRssMB)).padStart(5)} MB`;
}

const small = await ensureFile('cas-100k-ps51-utf8.json', { count: 100_000 });
const smallBytes = statSync(small).size;
console.log(`\n100,000 mailboxes, PS 5.1 formatting, UTF-8: ${(smallBytes / 1e6).toFixed(0)} MB`);
/** Runs the measurements `times` times, alternating, and keeps each one's median run (the VM is noisy). */
function medians(modes, path, times = 3, other = undefined) {
  const runs = Object.fromEntries(modes.map((m) => [m, []]));
  for (let i = 0; i < times; i++) for (const m of modes) runs[m].push(run(m, path, m === 'drift' ? other : undefined));
  return Object.fromEntries(modes.map((m) => [m, runs[m].sort((a, b) => a.ms - b.ms)[Math.floor(times / 2)]]));
}

console.log('(median of 3 alternating runs each)');
const m100k = medians(['reference', 'ingest', 'scan', 'scan:2', 'scan-json', 'scan-json:2'], small);
const { reference, ingest, scan } = m100k;
console.log(row('JSON.parse(readFileSync) reference', reference, smallBytes));
console.log(row('casguard ingest + normalise', ingest, smallBytes));
console.log(row('casguard scan (exchange-baseline)', scan, smallBytes));
console.log(row('casguard scan --jobs 2', m100k['scan:2'], smallBytes));
console.log(row('casguard scan, write results.json', m100k['scan-json'], smallBytes) + ` (${Math.round(m100k['scan-json'].jsonMB)} MB of JSON)`);
console.log(row('  … the same with --jobs 2', m100k['scan-json:2'], smallBytes));
console.log(`ingest / reference time: ${(ingest.ms / reference.ms).toFixed(2)}x (target <= 1.0x); peak RSS target <= 300 MB`);
console.log(`scan + results.json / reference time: ${(m100k['scan-json'].ms / reference.ms).toFixed(2)}x with one thread, ${(m100k['scan-json:2'].ms / reference.ms).toFixed(2)}x with --jobs 2 (target <= 1.0x, aim 0.6x)`);
console.log(`--jobs 2 / --jobs 1 scan time: ${(m100k['scan:2'].ms / scan.ms).toFixed(2)}x`);
console.log(`scan / ingest time: ${(scan.ms / ingest.ms).toFixed(2)}x, separate processes (target <= 1.2x); ${scan.findings} findings kept (fails of per-mailbox rules)`);
const warm = run('compare', small);
console.log(`scan / ingest time: ${(warm.scanMs / warm.ingestMs).toFixed(2)}x in one warm process (median of 5 alternating runs: ingest ${(warm.ingestMs / 1000).toFixed(2)} s, scan ${(warm.scanMs / 1000).toFixed(2)} s)`);
if (ingest.records !== 100_000 || scan.records !== 100_000) throw new Error(`expected 100000 records, read ${ingest.records} / ${scan.records}`);

// The HTML report of the 100,000-mailbox scan: size and load time in headless Chromium.
{
  const html = run('html', small);
  if (html.error) console.log(`HTML report: failed: ${html.error}`);
  else console.log(`HTML report of 100,000 mailboxes: ${html.htmlMB.toFixed(2)} MB (target < 10 MB), rendered by casguard in ${(html.renderMs / 1000).toFixed(2)} s, ${html.chromiumMs ? `loaded and laid out by headless Chromium in ${(html.chromiumMs / 1000).toFixed(2)} s (target < 2 s)` : html.chromium}`);
}

// drift: two 100,000-mailbox exports, 1% of the mailboxes changed on the current side.
const changed = await ensureFile('cas-100k-ps51-utf8-changed.json', { count: 100_000, changeEvery: 100 });
{
  console.log('\ndrift of two 100,000-mailbox exports, 1% of mailboxes changed (median of 3 alternating runs of each)');
  const m = medians(['scan', 'drift'], small, 3, changed);
  console.log(row('casguard scan (one side)', m.scan, smallBytes));
  console.log(row('casguard drift (both sides)', m.drift, smallBytes + statSync(changed).size) + ` (${m.drift.changes} changes)`);
  console.log(`drift / one scan time: ${(m.drift.ms / m.scan.ms).toFixed(2)}x (target <= 3x); peak RSS ${Math.round(m.drift.maxRssMB)} MB (target < 500 MB)`);
}

// Growth: time should grow linearly with the input, memory stay flat.
{
  console.log('\ngrowth: casguard scan (exchange-baseline) by export size');
  const sizes = [
    ['cas-10k-ps51-utf8.json', 10_000],
    ['cas-100k-ps51-utf8.json', 100_000],
    ...(large ? [['cas-1m-ps51-utf8.json', 1_000_000]] : []),
  ];
  let first;
  for (const [name, count] of sizes) {
    const path = await ensureFile(name, { count });
    const bytes = statSync(path).size;
    const r = run('scan', path);
    first ??= { ms: r.ms, bytes };
    const perByte = r.ms / bytes / (first.ms / first.bytes);
    console.log(row(`${count.toLocaleString('en-US')} mailboxes (${(bytes / 1e6).toFixed(0)} MB)`, r, bytes) + `   time per byte ${perByte.toFixed(2)}x the 10k run`);
  }
  if (!large) console.log('(add --large for the 1,000,000-mailbox row: a 4.6 GB file)');
}

// logs: protocol logs (5 GB, 512 MB with --quick) against a plain line count of the same files.
{
  const { generateLogs } = await import('./generate-logs.js');
  const size = quick ? 512 * 1024 ** 2 : 5 * 1024 ** 3;
  const logDir = join(dir, `logs-${quick ? '512mb' : '5gb'}`);
  if (!existsSync(logDir)) {
    process.stdout.write(`generating ${logDir} ... `);
    const g = await generateLogs(logDir, size);
    process.stdout.write(`${(g.bytes / 1e6).toFixed(0)} MB, ${g.lines} lines\n`);
  }
  const bytes = size;
  console.log(`\nprotocol logs: ${(bytes / 1e6).toFixed(0)} MB`);
  const base = run('linecount', logDir);
  const logs = run('logs', logDir);
  console.log(row('plain line count (readline)', base, bytes));
  console.log(row('casguard logs', logs, bytes) + (logs.error ? '' : ` (${logs.clients} clients, ${logs.findings} findings)`));
  if (!logs.error) console.log(`logs / line count time: ${(logs.ms / base.ms).toFixed(2)}x; peak RSS ${Math.round(logs.maxRssMB)} MB (flat: memory follows distinct clients, not the size)`);
}

// CliXml: a Get-CASMailbox Export-Clixml file (UTF-16LE, as Windows PowerShell writes it), streamed.
{
  const size = quick ? 256 * 1024 ** 2 : 1024 ** 3;
  const path = await ensureFile(`cas-clixml-${quick ? '256mb' : '1gb'}-utf16le.xml`, { maxBytes: size, encoding: 'utf16le', format: 'clixml' });
  const bytes = statSync(path).size;
  console.log(`\nCliXml (Export-Clixml, UTF-16LE): ${(bytes / 1e6).toFixed(0)} MB`);
  const r = run('ingest', path);
  console.log(row('casguard ingest + normalise', r, bytes) + ` (${r.records.toLocaleString('en-US')} mailboxes; flat memory: peak RSS target <= 300 MB)`);
}

if (!quick) {
  for (const [name, encoding] of [
    ['cas-2gb-ps51-utf8.json', 'utf8'],
    ['cas-2gb-ps51-utf16le.json', 'utf16le'],
  ]) {
    const path = await ensureFile(name, { maxBytes: GB2, encoding });
    const bytes = statSync(path).size;
    console.log(`\n2 GB file, PS 5.1 formatting, ${encoding === 'utf8' ? 'UTF-8' : 'UTF-16LE with BOM'}: ${(bytes / 1e6).toFixed(0)} MB`);
    if (encoding === 'utf8') console.log(row('JSON.parse(readFileSync) reference', run('reference', path), bytes));
    const r = run('ingest', path);
    console.log(row('casguard ingest + normalise', r, bytes));
    const s = run('scan', path);
    console.log(row('casguard scan (exchange-baseline)', s, bytes));
    console.log(row('casguard scan --jobs 2', run('scan:2', path), bytes));
    console.log(`records: ${r.records.toLocaleString('en-US')}; scan / ingest ${(s.ms / r.ms).toFixed(2)}x; peak RSS target <= 300 MB`);
  }
}
