// Reads one side of a comparison: every export through the same ingest and evaluation as `scan`,
// keeping a view of each small record and only a digest of each mailbox (a 100,000-mailbox side stays
// a few MB); the baseline puts each mailbox's compared text in a TextStore (a temporary file), from which
// the few that changed are read back.

import { ingestInputs, type ExportSource } from '../app/ingest-inputs.js';
import { Evaluator } from '../engine/evaluate.js';
import type { ExportKind } from '../model/export-kind.js';
import type { CanonicalRecord, InputSummary } from '../model/records.js';
import type { Finding, Verdict } from '../model/result.js';
import type { ResolvedPacks } from '../rulepack/types.js';
import { identityKey } from '../normalize/kinds/common.js';
import { digestRecord, viewOf, viewOfText, type IgnoreList, type RecordView } from './canonical.js';
import type { ServerMap } from './server-map.js';
import type { TextStore } from '../model/text-store.js';

/** A record of a small kind as drift keeps it. */
export interface SideRecord {
  kind: ExportKind;
  identity: string;
  server?: string;
  /** The identity in its own export, when a server map renamed it. */
  originalIdentity?: string;
  view: RecordView;
  /** The view with the mapped server's own names replaced (only for renamed records). */
  renamedView?: RecordView;
  record: CanonicalRecord;
}

/** Per-mailbox verdicts the drift keeps: identity key → the rules failing (or erroring) there. */
export type MailboxFailures = Map<string, string[]>;

export interface Side {
  inputs: InputSummary[];
  kinds: Set<ExportKind>;
  /** kind → identity key → record (every kind but CASMailbox). */
  records: Map<ExportKind, Map<string, SideRecord>>;
  /** identity key → [identity, digest of the compared properties, handle of its text in the store or -1] of every mailbox. */
  mailboxes: Map<string, [string, string, number]>;
  /** Findings of every kind but CASMailbox, and the per-mailbox findings the side chose to keep. */
  findings: Finding[];
  /** identity key → rules failing on that mailbox (every mailbox's, however many: a few bytes each). */
  mailboxFailures: MailboxFailures;
  /** Views of the mailboxes `onMailbox` asked for (the changed ones). */
  changedViews: Map<string, { identity: string; view: RecordView }>;
}

export interface ReadSideOptions {
  /** Renames mapped legacy servers (the baseline of a migration). */
  map?: ServerMap;
  /** Sees each mailbox's key (identityKey) and digest as it streams past; returns true when its view is wanted (it changed). */
  onMailbox?: (key: string, digest: string) => boolean;
  /** Which per-mailbox findings to keep as objects (default none: their rules are recorded per mailbox). */
  keepMailboxFinding?: (ruleId: string, verdict: Verdict, failedBefore: readonly string[] | undefined) => boolean;
  baselineFailures?: MailboxFailures;
  /** Where each mailbox's compared text is put (the baseline's, for the mailboxes that turn out changed). */
  store?: TextStore;
}

/**
 * Reads a side. `onMailbox` sees each mailbox view as it streams past (the current side compares it
 * with the baseline's digest at once and keeps only the changed ones).
 */
export async function readSide(
  inputs: readonly string[],
  source: ExportSource,
  packs: ResolvedPacks,
  now: string,
  ignore: IgnoreList,
  { map, onMailbox, keepMailboxFinding = () => false, baselineFailures, store }: ReadSideOptions = {},
): Promise<Side> {
  const side: Side = { inputs: [], kinds: new Set(), records: new Map(), mailboxes: new Map(), findings: [], mailboxFailures: new Map(), changedViews: new Map() };
  // Passes are looked at only when a baseline says which mailboxes failed (a resolved finding is a pass now).
  // Every rule's verdict on a mailbox, and the mailbox itself, need its key: made once per mailbox.
  let lastIdentity = '';
  let lastKey = '';
  const keyOf = (identity: string) => (identity === lastIdentity ? lastKey : ((lastIdentity = identity), (lastKey = identityKey(identity))));
  const evaluator = new Evaluator(packs, now, baselineFailures !== undefined, (ruleId, identity, verdict) => {
    const key = keyOf(identity);
    if (verdict === 'fail' || verdict === 'error') {
      let list = side.mailboxFailures.get(key);
      if (!list) side.mailboxFailures.set(key, (list = []));
      list.push(ruleId);
    }
    return keepMailboxFinding(ruleId, verdict, baselineFailures?.get(key));
  });
  const { summaries } = await ingestInputs(inputs, source, (record) => {
    const renamed = map?.rename(record);
    evaluator.record(record);
    if (record.kind === 'CASMailbox') {
      const { digest, text } = digestRecord(record, ignore);
      const key = keyOf(record.identity);
      side.mailboxes.set(key, [record.identity, digest, store ? store.put(text) : -1]);
      if (onMailbox?.(key, digest)) side.changedViews.set(key, { identity: record.identity, view: viewOfText(text) });
      return;
    }
    let kind = side.records.get(record.kind);
    if (!kind) side.records.set(record.kind, (kind = new Map()));
    const view = viewOf(record, ignore);
    const entry: SideRecord = { kind: record.kind, identity: record.identity, view, record, ...(record.server ? { server: record.server } : {}) };
    if (renamed) {
      entry.originalIdentity = renamed.originalIdentity;
      entry.renamedView = viewOf(record, ignore, renamed.rewrite);
    }
    kind.set(identityKey(record.identity), entry);
  });
  for (const s of summaries) for (const kind of Object.keys(s.kinds) as ExportKind[]) {
    side.kinds.add(kind);
    evaluator.kindPresent(kind);
  }
  side.inputs = summaries;
  side.findings = evaluator.finish(summaries).findings;
  return side;
}
