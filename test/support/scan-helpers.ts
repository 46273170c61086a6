import { runScan } from '../../src/app/run-scan.js';
import { fileExportSource } from '../../src/io/export-source.js';
import { filePackReader, loadConfig, loadWaivers } from '../../src/io/read-settings.js';
import type { ScanResult } from '../../src/model/result.js';
import { resolvePacks } from '../../src/rulepack/resolve-packs.js';
import { Evaluator } from '../../src/engine/evaluate.js';
import { buildScanResult } from '../../src/report/build-result.js';
import { ingestBytes } from './ingest-helpers.js';
import { ROOT } from './run-cli.js';

/** The examples scanned with examples/casguard.yml at a fixed clock, in-process. */
export async function scanExamples(): Promise<ScanResult> {
  const config = loadConfig(`${ROOT}examples/casguard.yml`);
  const packs = resolvePacks(['exchange-baseline'], filePackReader(), { params: config?.params });
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    return await runScan(
      { inputs: ['examples/contoso'], packs, failOn: 'high', waivers: loadWaivers(config?.waivers as string), allFindings: false, now: '2026-11-20T10:00:00Z', toolVersion: '0.1.0' },
      fileExportSource,
    );
  } finally {
    process.chdir(cwd);
  }
}

/** Scans an in-memory bundle (raw export objects by kind) with the baseline pack. */
export async function scanBundle(bundle: Record<string, unknown[]>, path = 'hostile.json'): Promise<ScanResult> {
  return scanBytes(path, JSON.stringify(bundle));
}

/** Scans the bytes of one in-memory export file (any format) with the baseline pack. */
export async function scanBytes(path: string, bytes: Buffer | string): Promise<ScanResult> {
  const packs = resolvePacks(['exchange-baseline'], filePackReader());
  const { records, summary } = await ingestBytes(path, bytes);
  const evaluator = new Evaluator(packs, '2026-11-20T10:00:00Z', false);
  for (const r of records) evaluator.record(r);
  for (const kind of Object.keys(summary.kinds)) evaluator.kindPresent(kind as never);
  return buildScanResult({ evaluation: evaluator.finish([summary]), inputs: [summary], packs, failOn: 'high', waivers: [], now: '2026-11-20T10:00:00Z', toolVersion: '0.1.0' });
}
