// `scan --jobs N`: a large Get-CASMailbox export (one top-level array, PowerShell's indented layout) is
// cut into N segments at element starts and read by N worker threads at once, each normalising and
// evaluating its mailboxes; the main thread hashes the file meanwhile and merges the workers' results in
// file order, so the result is byte-for-byte the one a sequential read gives. A file that does not fit
// (another shape, another kind, any warning or error) is read sequentially: the fast path never decides
// an error message or a warning.

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Evaluator } from '../engine/evaluate.js';
import { RESULT_SIZE_WARNING } from '../ingest/ingest-export.js';
import { detectFlavour } from '../ingest/sniff-text.js';
import { ChunkDecoder, sniffEncoding, type TextEncodingName } from '../ingest/text-decoder.js';
import { PACKAGE_ROOT } from '../io/package-root.js';
import { CHUNK_BYTES, readChunks } from '../io/read-file.js';
import type { InputSummary } from '../model/records.js';
import type { ResolvedPacks } from '../rulepack/types.js';
import type { IdentityRegistry } from './identity-registry.js';
import type { SegmentJob, SegmentProgress, SegmentResult } from './scan-worker.js';

/** Below this a file is read faster by one thread than by starting workers. */
export const PARALLEL_MIN_BYTES = 8 << 20;

const ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16le-bom'];
const WINDOW_BYTES = 4 << 20;

export interface ParallelOptions {
  jobs: number;
  packs: ResolvedPacks;
  now: string;
  allFindings: boolean;
  evaluator: Evaluator;
  onProgress?: (bytes: number, records: number) => void;
}

/** The compiled worker: beside this module in dist/, or dist/ when this module runs from src/ (tests). */
function workerUrl(): URL | undefined {
  const beside = new URL('./scan-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  const built = pathToFileURL(join(PACKAGE_ROOT, 'dist', 'app', 'scan-worker.js'));
  return existsSync(fileURLToPath(built)) ? built : undefined;
}

/** Where the segments start: the array's `[`, then the `{` of the first element at or after each 1/N of the file. */
async function planSegments(path: string, jobs: number): Promise<{ encoding: TextEncodingName; starts: number[]; size: number; headText: string } | undefined> {
  const file = await open(path, 'r');
  try {
    const size = (await file.stat()).size;
    if (size < PARALLEL_MIN_BYTES) return undefined;
    // The same head as the sequential read's first chunk, so the flavour is judged on the same text.
    const head = Buffer.alloc(CHUNK_BYTES);
    await file.read(head, 0, CHUNK_BYTES, 0);
    const { encoding, bomLength } = sniffEncoding(head);
    if (!ENCODINGS.includes(encoding)) return undefined;
    const utf16 = encoding.startsWith('utf-16');
    const headText = new ChunkDecoder(encoding, bomLength).decode(head.subarray(bomLength));
    // PowerShell's layout: `[`, then each element's `{` alone on a line at one indentation.
    const layout = /^\s*\[\r?\n([ \t]*)\{\r?\n/.exec(headText);
    if (!layout) return undefined;
    const enc = utf16 ? 'utf16le' : 'utf8';
    const unit = utf16 ? 2 : 1;
    const marker = Buffer.from(`\n${layout[1]}{`, enc);
    const starts = [bomLength];
    const window = Buffer.alloc(WINDOW_BYTES);
    for (let k = 1; k < jobs; k++) {
      let at = Math.floor((size * k) / jobs);
      at -= (at - bomLength) % unit;
      const { bytesRead } = await file.read(window, 0, WINDOW_BYTES, at);
      const bytes = window.subarray(0, bytesRead);
      for (let i = bytes.indexOf(marker); i >= 0; i = bytes.indexOf(marker, i + 1)) {
        if ((at + i - bomLength) % unit !== 0) continue;
        const next = bytes[i + marker.length];
        if (next !== 0x0d && next !== 0x0a) continue;
        const start = at + i + marker.length - unit; // the element's `{`, where the splitter says it starts
        if (start > (starts[starts.length - 1] as number)) starts.push(start);
        break;
      }
    }
    return starts.length > 1 ? { encoding, starts, size, headText } : undefined;
  } finally {
    await file.close();
  }
}

function runWorker(url: URL, job: SegmentJob, onProgress: (p: SegmentProgress) => void, workers: Worker[]): Promise<SegmentResult> {
  return new Promise((resolve) => {
    const worker = new Worker(url, { workerData: job });
    workers.push(worker);
    worker.on('message', (m: SegmentResult | SegmentProgress) => {
      if ('progress' in m) return onProgress(m);
      resolve(m);
      // One segment the threads cannot take means a sequential read of the whole file: stop the others now.
      if (!m.ok) for (const w of workers) void w.terminate();
    });
    worker.on('error', (err) => resolve({ ok: false, reason: err.message }));
    worker.on('exit', () => resolve({ ok: false, reason: 'the worker stopped' }));
  });
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of readChunks(path)) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * Reads one export with `jobs` workers when it can; returns its summary, or undefined when the file must
 * be read sequentially (small, another layout, anything unusual in it).
 */
export async function scanInParallel(path: string, registry: IdentityRegistry, options: ParallelOptions): Promise<InputSummary | undefined> {
  if (options.jobs < 2) return undefined;
  const url = workerUrl();
  if (!url) return undefined;
  const plan = await planSegments(path, options.jobs).catch(() => undefined);
  if (!plan) return undefined;
  const { starts, encoding } = plan;
  const workers: Worker[] = [];
  let bytes = 0;
  let records = 0;
  const progress = (p: SegmentProgress) => {
    bytes += p.progress;
    records += p.records;
    options.onProgress?.(bytes, records);
  };
  try {
    const [digest, ...results] = await Promise.all([
      sha256(path),
      ...starts.map((start, i) => runWorker(url, { path, encoding, start, end: starts[i + 1] ?? -1, first: i === 0, packs: options.packs, now: options.now, allFindings: options.allFindings }, progress, workers)),
    ]);
    const done = results.filter((r): r is Extract<SegmentResult, { ok: true }> => r.ok);
    if (done.length !== results.length) return undefined;
    // Duplicates are checked before anything is merged: with one, the sequential read words the error.
    const digests = new Uint32Array(done.reduce((n, r) => n + r.digests.length, 0));
    let at = 0;
    for (const r of done) {
      digests.set(r.digests, at);
      at += r.digests.length;
    }
    if (!registry.addDigests('CASMailbox', path, digests)) return undefined;
    let indexBase = 0;
    let charBase = 0;
    for (const r of done) {
      options.evaluator.merge(r.part, { path, indexBase, charBase });
      indexBase += r.records;
      charBase += r.chars;
    }
    options.onProgress?.(plan.size, indexBase);
    const warnings = indexBase === 1000 ? [RESULT_SIZE_WARNING] : [];
    return { path, kind: 'CASMailbox', count: indexBase, kinds: { CASMailbox: indexBase }, encoding, format: 'json', flavour: detectFlavour(plan.headText), bytes: plan.size, sha256: digest, warnings };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
