import { comparePair, EXPECTED_MIGRATION_DIFFERENCES, type Pair } from '../drift/compare.js';
import { IgnoreList, viewOfText } from '../drift/canonical.js';
import { MemoryTextStore, type TextStore } from '../model/text-store.js';
import { migrationReview } from '../drift/migration.js';
import { readSide, type Side } from '../drift/read-side.js';
import { ServerMap, type ServerPair } from '../drift/server-map.js';
import { CasguardError } from '../errors.js';
import type { Classification, DriftChange, DriftResult, DriftSummary, Uncomparable } from '../model/drift.js';
import { KIND_CMDLETS, type ExportKind } from '../model/export-kind.js';
import type { Finding, ScanResult } from '../model/result.js';
import { identityKey, shortHostName } from '../normalize/kinds/common.js';
import { compareFindings } from '../report/build-result.js';
import { compareText } from '../report/compare-text.js';
import type { ResolvedPacks } from '../rulepack/types.js';
import type { ExportSource } from './ingest-inputs.js';

export type FailOnDrift = 'any' | 'regression' | 'none';

export interface DriftRequest {
  baseline: readonly string[];
  current: readonly string[];
  packs: ResolvedPacks;
  map: readonly ServerPair[];
  /** Where the map came from (a --map-file), for errors. */
  mapFile?: string;
  ignore: readonly string[];
  /** Extra expected migration differences, `Kind.Prop` or `Prop`. */
  expected: readonly string[];
  failOnDrift: FailOnDrift;
  now: string;
  toolVersion: string;
}

const open = (f: Finding) => (f.verdict === 'fail' || f.verdict === 'error') && !f.waiver;
const recordKey = (kind: string, identity: string) => `${kind}\u0000${identityKey(identity)}`;

/** New, resolved and unchanged open findings (by fingerprint), and each record's classification. */
function compareFindingSets(before: readonly Finding[], after: readonly Finding[]) {
  const b = new Map(before.filter(open).map((f) => [f.fingerprint, f]));
  const a = new Map(after.filter(open).map((f) => [f.fingerprint, f]));
  const fresh = [...a.values()].filter((f) => !b.has(f.fingerprint)).sort(compareFindings);
  const resolved = [...b.values()].filter((f) => !a.has(f.fingerprint)).sort(compareFindings);
  const unchanged = [...a.values()].filter((f) => b.has(f.fingerprint)).sort(compareFindings);
  // Open on both sides, but no longer said the same way (another value, another severity): SARIF's "updated".
  const updated = unchanged.filter((f) => { const old = b.get(f.fingerprint) as Finding; return old.message !== f.message || old.severity !== f.severity; }).map((f) => f.fingerprint);
  const classes = new Map<string, Classification>();
  for (const f of resolved) classes.set(recordKey(f.kind, f.identity), 'improvement');
  for (const f of fresh) classes.set(recordKey(f.kind, f.identity), 'regression');
  return { fresh, resolved, unchanged, updated, classes, unchangedCount: unchanged.length };
}

function gateOf(summary: DriftSummary, failOnDrift: FailOnDrift): DriftResult['gate'] {
  const moved = summary.added + summary.removed + summary.modified;
  const failed = failOnDrift === 'any' ? moved > 0 || summary.findings.new > 0 : failOnDrift === 'regression' ? summary.regressions > 0 || summary.findings.new > 0 : false;
  return { failOnDrift, passed: !failed, exitCode: failed ? 1 : 0 };
}

function summarise(changes: readonly DriftChange[], uncomparable: readonly Uncomparable[], findings: { new: number; resolved: number; unchanged: number }): DriftSummary {
  const real = changes.filter((c) => !c.expected);
  const records = new Map<string, DriftChange>();
  for (const c of real) records.set(recordKey(c.kind, c.identity), c);
  const tally = (key: (c: DriftChange) => string | undefined) => {
    const m = new Map<string, { regression: number; improvement: number; neutral: number }>();
    for (const c of records.values()) {
      const k = key(c);
      if (!k) continue;
      let t = m.get(k);
      if (!t) m.set(k, (t = { regression: 0, improvement: 0, neutral: 0 }));
      t[c.classification ?? 'neutral']++;
    }
    return [...m].sort(([x], [y]) => compareText(x, y));
  };
  const count = (c: Classification) => [...records.values()].filter((x) => (x.classification ?? 'neutral') === c).length;
  return {
    added: real.filter((c) => c.change === 'added').length,
    removed: real.filter((c) => c.change === 'removed').length,
    modified: real.filter((c) => c.change === 'modified').length,
    expected: changes.length - real.length,
    uncomparable: uncomparable.length,
    regressions: count('regression'),
    improvements: count('improvement'),
    neutral: count('neutral'),
    byKind: tally((c) => c.kind).map(([kind, t]) => ({ kind, ...t })),
    byServer: tally((c) => c.server).map(([server, t]) => ({ server, ...t })),
    findings,
  };
}

const inputsOf = (side: Pick<Side, 'inputs'>) => side.inputs.map((i) => ({ path: i.path, kind: i.kind, count: i.count, sha256: i.sha256 }));

/**
 * `casguard drift` on two sets of exports: both sides go through the scan pipeline (ingest, normalise,
 * evaluate); small kinds are compared record by record, mailboxes by digest, the baseline's texts
 * kept in a TextStore (a temporary file) for the ones that changed; findings are compared by fingerprint to classify each change.
 */
export async function runDrift(request: DriftRequest, source: ExportSource): Promise<DriftResult> {
  const store = source.textStore?.() ?? new MemoryTextStore();
  try {
    return await driftOfExports(request, source, store);
  } finally {
    store.close();
  }
}

async function driftOfExports(request: DriftRequest, source: ExportSource, store: TextStore): Promise<DriftResult> {
  const ignore = new IgnoreList(request.ignore);
  const map = request.map.length ? new ServerMap(request.map) : undefined;
  const baseline = await readSide(request.baseline, source, request.packs, request.now, ignore, { ...(map ? { map } : {}), store });
  const seen = new Set<string>();
  // Mailbox findings are kept only where they changed: new failures, and passes that were failures.
  const keep = (ruleId: string, verdict: string, failedBefore: readonly string[] | undefined) => {
    const before = failedBefore?.includes(ruleId) ?? false;
    return verdict === 'pass' ? before : !before;
  };
  const current = await readSide(request.current, source, request.packs, request.now, ignore, {
    onMailbox: (key, digest) => {
      seen.add(key);
      return baseline.mailboxes.get(key)?.[1] !== digest;
    },
    keepMailboxFinding: keep,
    baselineFailures: baseline.mailboxFailures,
  });
  if (map) {
    const servers = new Set<string>();
    for (const records of current.records.values()) for (const r of records.values()) if (r.server) servers.add(identityKey(shortHostName(r.server)));
    map.checkFound(servers, request.mapFile);
  }
  const common = [...baseline.kinds].filter((k) => current.kinds.has(k));
  if (common.length === 0 && baseline.kinds.size > 0 && current.kinds.size > 0) {
    throw new CasguardError('usage/invalid-arguments', `the two sides have no kind of export in common (baseline: ${[...baseline.kinds].join(', ')}; current: ${[...current.kinds].join(', ')})`, {
      hint: 'compare exports of the same cmdlets, e.g. two folders written by Export-CasGuardData.ps1',
    });
  }
  const notCompared = [...new Set([...baseline.kinds, ...current.kinds])].filter((k) => !common.includes(k)).sort(compareText).map((k) => `${k}: no ${KIND_CMDLETS[k]} export on the ${baseline.kinds.has(k) ? 'current' : 'baseline'} side`);

  const expectedSet = new Set(request.expected);
  const expected = (kind: ExportKind, field: string) => Boolean(EXPECTED_MIGRATION_DIFFERENCES[kind]?.includes(field)) || expectedSet.has(field) || expectedSet.has(`${kind}.${field}`);
  const out: { changes: DriftChange[]; uncomparable: Uncomparable[] } = { changes: [], uncomparable: [] };
  for (const kind of common.filter((k) => k !== 'CASMailbox').sort(compareText)) {
    const b = baseline.records.get(kind) ?? new Map();
    const a = current.records.get(kind) ?? new Map();
    for (const key of [...new Set([...b.keys(), ...a.keys()])].sort(compareText)) {
      const before = b.get(key);
      const after = a.get(key);
      const pair: Pair = { kind, identity: (after ?? before)?.identity as string, ...(before?.originalIdentity ? { baselineIdentity: before.originalIdentity } : {}), ...((after ?? before)?.server ? { server: (after ?? before)?.server } : {}) };
      if (before) pair.before = before.view;
      if (after) pair.after = after.view;
      if (before?.renamedView) pair.renamedBefore = before.renamedView;
      comparePair(pair, expected, out);
    }
  }
  const changedMailboxes = current.changedViews;
  if (common.includes('CASMailbox')) {
    const removed = [...baseline.mailboxes].filter(([key]) => !seen.has(key));
    const mailboxChanges: { changes: DriftChange[]; uncomparable: Uncomparable[] } = { changes: [], uncomparable: [] };
    for (const [key, { identity, view }] of changedMailboxes) {
      const handle = baseline.mailboxes.get(key)?.[2];
      const b = handle === undefined ? undefined : viewOfText(store.get(handle));
      comparePair({ kind: 'CASMailbox', identity, after: view, ...(b ? { before: b } : {}) }, () => false, mailboxChanges);
    }
    for (const [, [identity]] of removed) mailboxChanges.changes.push({ kind: 'CASMailbox', identity, change: 'removed' });
    out.changes.push(...mailboxChanges.changes.sort((x, y) => compareText(x.identity, y.identity) || compareText(x.field ?? '', y.field ?? '')));
    out.uncomparable.push(...mailboxChanges.uncomparable);
  }

  // Findings of a kind only one side exported would all look new or resolved: only common kinds count.
  // Per-mailbox findings come from the current side alone: its new failures, and its passes that resolve one.
  const inCommon = (f: Finding) => common.includes(f.kind as ExportKind);
  const perMailbox = new Set(request.packs.rules.filter((r) => r.given.kind === 'CASMailbox' && r.then).map((r) => r.id));
  const oneMailbox = (f: Finding) => f.kind === 'CASMailbox' && perMailbox.has(f.ruleId) && f.identity !== 'CASMailbox';
  const other = (f: Finding) => inCommon(f) && !oneMailbox(f);
  const findings = compareFindingSets(baseline.findings.filter(other), current.findings.filter(other));
  if (common.includes('CASMailbox')) {
    for (const f of current.findings.filter((x) => oneMailbox(x) && x.verdict !== 'not_applicable' && !x.waiver)) {
      if (f.verdict === 'pass') {
        findings.resolved.push(f);
        findings.classes.set(recordKey(f.kind, f.identity), findings.classes.get(recordKey(f.kind, f.identity)) ?? 'improvement');
      } else {
        findings.fresh.push(f);
        findings.classes.set(recordKey(f.kind, f.identity), 'regression');
      }
    }
    for (const [key, rules] of current.mailboxFailures) findings.unchangedCount += rules.filter((r) => baseline.mailboxFailures.get(key)?.includes(r)).length;
    findings.fresh.sort(compareFindings);
    findings.resolved.sort(compareFindings);
  }
  for (const c of out.changes) if (!c.expected) c.classification = findings.classes.get(recordKey(c.kind, c.identity)) ?? 'neutral';
  const review = map ? migrationReview(baseline, current, request.map, out.changes) : { checklist: [], migration: [] };
  const summary = summarise(out.changes, out.uncomparable, { new: findings.fresh.length, resolved: findings.resolved.length, unchanged: findings.unchangedCount });
  const notes = [...notCompared.map((n) => `not compared — ${n}`)];
  if (findings.unchangedCount > findings.unchanged.length) notes.push(`${findings.unchangedCount - findings.unchanged.length} per-mailbox findings open on both sides are counted, not listed`);
  if (out.changes.length === 0 && findings.fresh.length === 0 && findings.resolved.length === 0) notes.unshift('no drift: the two sides hold the same settings');
  return {
    schemaVersion: '1',
    type: 'drift',
    tool: { name: 'casguard', version: request.toolVersion },
    generatedAt: request.now,
    mode: 'exports',
    baseline: { inputs: inputsOf(baseline), packs: request.packs.packs },
    current: { inputs: inputsOf(current), packs: request.packs.packs },
    map: request.map.map((p) => ({ from: p.from, to: p.to })),
    ignored: ignore.describe(),
    notCompared,
    summary,
    gate: gateOf(summary, request.failOnDrift),
    changes: out.changes,
    uncomparable: out.uncomparable,
    findings: { new: findings.fresh, resolved: findings.resolved, unchanged: findings.unchanged, updated: findings.updated },
    ...review,
    notes,
  };
}

/** `casguard drift` on two saved scan results: findings new, resolved and unchanged; pack versions apart. */
export function driftOfResults(before: ScanResult, after: ScanResult, failOnDrift: FailOnDrift, now: string, toolVersion: string): DriftResult {
  const findings = compareFindingSets(before.findings, after.findings);
  const summary = summarise([], [], { new: findings.fresh.length, resolved: findings.resolved.length, unchanged: findings.unchanged.length });
  summary.regressions = findings.fresh.length;
  summary.improvements = findings.resolved.length;
  const packs = (r: ScanResult) => r.packs.map((p) => `${p.id} ${p.version}`).join(', ');
  const notes: string[] = [];
  if (packs(before) !== packs(after)) notes.push(`the packs differ (baseline: ${packs(before)}; current: ${packs(after)}): some findings may come and go with the rules, not with the settings`);
  if (findings.fresh.length === 0 && findings.resolved.length === 0) notes.unshift('no drift: the same findings are open on both sides');
  const side = (r: ScanResult) => ({ inputs: r.inputs.map((i) => ({ path: i.path, kind: i.kind, count: i.count, sha256: i.sha256 })), packs: r.packs });
  return {
    schemaVersion: '1',
    type: 'drift',
    tool: { name: 'casguard', version: toolVersion },
    generatedAt: now,
    mode: 'results',
    baseline: side(before),
    current: side(after),
    map: [],
    ignored: [],
    notCompared: [],
    summary,
    gate: gateOf(summary, failOnDrift),
    changes: [],
    uncomparable: [],
    findings: { new: findings.fresh, resolved: findings.resolved, unchanged: findings.unchanged, updated: findings.updated },
    checklist: [],
    migration: [],
    notes,
  };
}
