// `npm run bench`: ingest + normalise throughput and memory against plain JSON.parse, on generated
// Get-CASMailbox exports (PS 5.1 formatting): 100,000 mailboxes, then 2 GB in UTF-8 and in UTF-16LE.
// Each measurement runs in its own process so that peak RSS belongs to that measurement alone.
// Options: --quick (skip the 2 GB files), --dir DIR (where to keep the generated files; default the OS temp dir).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCasExport } from './generate-cas-export.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
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

function run(mode, path) {
  const out = execFileSync(process.execPath, ['--expose-gc', measure, mode, path], { encoding: 'utf8', maxBuffer: 1 << 20 });
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
function medians(modes, path, times = 3) {
  const runs = Object.fromEntries(modes.map((m) => [m, []]));
  for (let i = 0; i < times; i++) for (const m of modes) runs[m].push(run(m, path));
  return Object.fromEntries(modes.map((m) => [m, runs[m].sort((a, b) => a.ms - b.ms)[Math.floor(times / 2)]]));
}

console.log('(median of 3 alternating runs each)');
const { reference, ingest, scan } = medians(['reference', 'ingest', 'scan'], small);
console.log(row('JSON.parse(readFileSync) reference', reference, smallBytes));
console.log(row('casguard ingest + normalise', ingest, smallBytes));
console.log(row('casguard scan (exchange-baseline)', scan, smallBytes));
const scanJson = run('scan-json', small);
console.log(row('  … and write results.json', scanJson, smallBytes) + ` (${Math.round(scanJson.jsonMB)} MB of JSON)`);
console.log(`ingest / reference time: ${(ingest.ms / reference.ms).toFixed(2)}x (target <= 1.0x); peak RSS target <= 300 MB`);
console.log(`scan / ingest time: ${(scan.ms / ingest.ms).toFixed(2)}x, separate processes (target <= 1.2x); ${scan.findings} findings kept (fails of per-mailbox rules)`);
const warm = run('compare', small);
console.log(`scan / ingest time: ${(warm.scanMs / warm.ingestMs).toFixed(2)}x in one warm process (median of 5 alternating runs: ingest ${(warm.ingestMs / 1000).toFixed(2)} s, scan ${(warm.scanMs / 1000).toFixed(2)} s)`);
if (ingest.records !== 100_000 || scan.records !== 100_000) throw new Error(`expected 100000 records, read ${ingest.records} / ${scan.records}`);

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
    console.log(`records: ${r.records.toLocaleString('en-US')}; scan / ingest ${(s.ms / r.ms).toFixed(2)}x; peak RSS target <= 300 MB`);
  }
}
