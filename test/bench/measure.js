// One benchmark measurement in a fresh process: prints {ms, records, maxRssMB} as JSON.
// Usage: node measure.js MODE FILE [OTHER] (OTHER: the current side for drift, the number of jobs for scan).
import { readFileSync } from 'node:fs';
import { runInspect } from '../../dist/app/run-inspect.js';
import { runScan } from '../../dist/app/run-scan.js';
import { fileExportSource } from '../../dist/io/export-source.js';
import { filePackReader } from '../../dist/io/read-settings.js';
import { resolvePacks } from '../../dist/rulepack/resolve-packs.js';
import { jsonChunks } from '../../dist/formatters/json.js';
import { writeFileAtomic } from '../../dist/io/write-output.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rmSync, statSync } from 'node:fs';

const [mode, path, other] = process.argv.slice(2);
const started = performance.now();
let records = 0;
let error;
let extra = {};
try {
  if (mode === 'reference') {
    records = JSON.parse(readFileSync(path, 'utf8')).length;
  } else if (mode === 'compare') {
    // Ingest alone and full scans alternately in one warm process: the steadiest comparison on a busy VM.
    const { ingestInputs } = await import('../../dist/app/ingest-inputs.js');
    const packs = resolvePacks(['exchange-baseline'], filePackReader());
    const times = { ingest: [], scan: [] };
    for (let i = 0; i < 5; i++) {
      let s = performance.now();
      await ingestInputs([path], fileExportSource, () => {});
      times.ingest.push(performance.now() - s);
      s = performance.now();
      const result = await runScan({ inputs: [path], packs, failOn: 'high', waivers: [], allFindings: false, now: '2026-11-20T00:00:00Z', toolVersion: 'bench' }, fileExportSource);
      times.scan.push(performance.now() - s);
      records = result.inputs[0].count;
    }
    const median = (a) => [...a].sort((x, y) => x - y)[2];
    extra = { ingestMs: median(times.ingest), scanMs: median(times.scan) };
  } else if (mode === 'linecount') {
    // The plain baseline: every line of the log files read and counted, nothing parsed.
    const { readdirSync, createReadStream } = await import('node:fs');
    const { createInterface } = await import('node:readline');
    const folder = join(path, 'EX01', 'Pop3');
    for (const name of readdirSync(folder)) for await (const _ of createInterface({ input: createReadStream(join(folder, name), { encoding: "utf8", highWaterMark: 1 << 20 }), crlfDelay: Infinity })) records++;
  } else if (mode === 'logs') {
    const { runLogs } = await import('../../dist/app/run-logs.js');
    const { expandInputs, isLogFileName } = await import('../../dist/io/read-file.js');
    const { readLogLines } = await import('../../dist/io/read-log-lines.js');
    const { loadLogRules } = await import('../../dist/io/read-log-pack.js');
    const result = await runLogs({ inputs: [path], params: {}, rules: loadLogRules(), failOn: 'none', now: '2026-11-20T00:00:00Z', toolVersion: 'bench' }, { expand: (i) => expandInputs(i, process.cwd(), isLogFileName, 'logs'), lines: readLogLines });
    records = result.events;
    extra = { clients: result.clients.length, findings: result.findings.length };
  } else if (mode === 'drift') {
    const { runDrift } = await import('../../dist/app/run-drift.js');
    const { formatDriftJson } = await import('../../dist/formatters/drift/json.js');
    const packs = resolvePacks(['exchange-baseline'], filePackReader());
    const result = await runDrift({ baseline: [path], current: [other], packs, map: [], ignore: [], expected: [], failOnDrift: 'none', now: '2026-11-20T00:00:00Z', toolVersion: 'bench' }, fileExportSource);
    records = result.current.inputs[0].count;
    extra = { changes: result.changes.length, jsonMB: formatDriftJson(result).length / 1e6 };
  } else if (mode === 'html') {
    // The HTML report of a large scan: its size, and how long headless Chromium takes to load and lay it out.
    const { formatHtml } = await import('../../dist/formatters/html.js');
    const { loadReportTemplates } = await import('../../dist/io/templates.js');
    const { writeFileSync } = await import('node:fs');
    const packs = resolvePacks(['exchange-baseline'], filePackReader());
    const result = await runScan({ inputs: [path], packs, failOn: 'high', waivers: [], allFindings: false, now: '2026-11-20T00:00:00Z', toolVersion: 'bench' }, fileExportSource);
    records = result.inputs[0].count;
    const renderStart = performance.now();
    const html = formatHtml(result, loadReportTemplates());
    const out = join(tmpdir(), `casguard-bench-report-${process.pid}.html`);
    writeFileSync(out, html);
    extra = { htmlMB: statSync(out).size / 1e6, renderMs: performance.now() - renderStart };
    try {
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const t = performance.now();
      await page.goto(`file://${out}`, { waitUntil: 'load' });
      await page.evaluate('document.body.getBoundingClientRect().height');
      extra.chromiumMs = performance.now() - t;
      await browser.close();
    } catch (err) {
      extra.chromium = `not measured: ${err.message.split('\n')[0]}`;
    }
    rmSync(out);
  } else if (mode === 'scan' || mode === 'scan-json') {
    // `other` is the number of worker threads (--jobs); 1 by default, as the bench compares like with like.
    const packs = resolvePacks(['exchange-baseline'], filePackReader());
    const result = await runScan({ inputs: [path], packs, failOn: 'high', waivers: [], allFindings: false, now: '2026-11-20T00:00:00Z', toolVersion: 'bench', jobs: Number(other ?? 1) }, fileExportSource);
    records = result.inputs[0].count;
    extra = { findings: result.findings.length };
    if (mode === 'scan-json') {
      const out = join(tmpdir(), `casguard-bench-results-${process.pid}.json`);
      await writeFileAtomic(out, jsonChunks(result));
      extra.jsonMB = statSync(out).size / 1e6;
      rmSync(out);
    }
  } else {
    const { summaries, failures } = await runInspect([path], fileExportSource);
    if (failures.length > 0) throw failures[0].error;
    records = summaries[0].count;
  }
} catch (err) {
  error = err.message.split('\n')[0];
}
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, records, maxRssMB: process.resourceUsage().maxRSS / 1024, ...extra, ...(error ? { error } : {}) }));
