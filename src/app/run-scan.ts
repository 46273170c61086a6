import { Evaluator } from '../engine/evaluate.js';
import type { Waiver } from '../engine/waivers.js';
import { CasguardError, InputErrors } from '../errors.js';
import type { FailOn, Finding, RuleSummary, ScanResult } from '../model/result.js';
import type { LogRule } from '../logs/rules.js';
import { runLogs, type LogSource } from './run-logs.js';
import { buildScanResult } from '../report/build-result.js';
import type { ResolvedPacks } from '../rulepack/types.js';
import { ingestInputs, type ExportSource, type ProgressListener } from './ingest-inputs.js';
import type { IdentityRegistry } from './identity-registry.js';
import { scanInParallel } from './parallel-scan.js';

export interface ScanRequest {
  inputs: readonly string[];
  packs: ResolvedPacks;
  failOn: FailOn;
  waivers: readonly Waiver[];
  baseline?: ReadonlySet<string>;
  allFindings: boolean;
  now: string;
  toolVersion: string;
  onProgress?: ProgressListener;
  /** Worker threads for large mailbox exports (1: read on the main thread only). */
  jobs?: number;
  /** Protocol logs read beside the exports: their EXLOG findings join the result and the gate. */
  logs?: { inputs: readonly string[]; source: LogSource; rules: readonly LogRule[] };
}

/** `casguard scan`: read every export, evaluate the packs while reading, and build the result. */
export async function runScan(request: ScanRequest, source: ExportSource): Promise<ScanResult> {
  const known = new Set([...request.packs.rules.map((r) => r.id), ...(request.logs ? request.logs.rules.map((r) => r.id) : [])]);
  const unknown = request.waivers.filter((w) => !known.has(w.rule));
  if (unknown.length > 0) {
    throw new CasguardError('waivers/invalid', `waiver for unknown rule ${unknown.map((w) => w.rule).join(', ')}`, { hint: 'casguard rules list shows the rules in force' });
  }
  const evaluator = new Evaluator(request.packs, request.now, request.allFindings);
  // Every unreadable input is reported at once, as inspect does, so one run shows all that must be fixed.
  const jobs = request.jobs ?? 1;
  const readFast =
    jobs > 1
      ? (path: string, registry: IdentityRegistry) =>
          scanInParallel(path, registry, { jobs, packs: request.packs, now: request.now, allFindings: request.allFindings, evaluator, onProgress: request.onProgress && ((bytes, records) => request.onProgress?.(path, bytes, records)) })
      : undefined;
  const { summaries, failures } = await ingestInputs(request.inputs, source, (record) => evaluator.record(record), { onProgress: request.onProgress, keepGoing: true, ...(readFast ? { readFast } : {}) });
  if (failures.length > 0) throw new InputErrors(failures.map((f) => f.error));
  for (const s of summaries) for (const kind of Object.keys(s.kinds)) evaluator.kindPresent(kind as never);
  const notes = summaries.flatMap((s) => s.warnings.map((w) => `${s.path}: ${w}`));
  let extra: { findings: Finding[]; rules: RuleSummary[] } | undefined;
  if (request.logs) {
    const logs = await runLogs({ inputs: request.logs.inputs, params: request.packs.params, rules: request.logs.rules, failOn: request.failOn, now: request.now, toolVersion: request.toolVersion }, request.logs.source);
    extra = { findings: logs.findings, rules: logs.rules };
    notes.push(...logs.notes, `protocol logs: ${logs.inputs.length} files, ${logs.events} events, ${logs.clients.length} clients (casguard logs lists them)`);
  }
  return buildScanResult({
    evaluation: evaluator.finish(summaries),
    inputs: summaries,
    packs: request.packs,
    failOn: request.failOn,
    waivers: request.waivers,
    baseline: request.baseline,
    now: request.now,
    toolVersion: request.toolVersion,
    notes,
    ...(extra ? { extra } : {}),
  });
}
