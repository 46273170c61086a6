// Reads one side of a comparison: every export through the same ingest and evaluation as `scan`,
// keeping a view of each small record and only a digest of each mailbox (a 100,000-mailbox side stays
// a few MB; changed mailboxes are looked up again in a second read of the baseline).

import { createHash } from 'node:crypto';
import { ingestInputs, type ExportSource } from '../app/ingest-inputs.js';
import { Evaluator } from '../engine/evaluate.js';
import type { ExportKind } from '../model/export-kind.js';
import type { CanonicalRecord, InputSummary } from '../model/records.js';
import type { Finding } from '../model/result.js';
import type { ResolvedPacks } from '../rulepack/types.js';
import { identityKey } from '../normalize/kinds/common.js';
import { viewOf, type IgnoreList, type RecordView } from './canonical.js';
import type { ServerMap } from './server-map.js';

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

export interface Side {
  inputs: InputSummary[];
  kinds: Set<ExportKind>;
  /** kind → identity key → record (every kind but CASMailbox). */
  records: Map<ExportKind, Map<string, SideRecord>>;
  /** identity key → [identity, digest of the compared properties] of every mailbox. */
  mailboxes: Map<string, [string, string]>;
  findings: Finding[];
}

export function digestOf(view: RecordView): string {
  return createHash('sha1').update(JSON.stringify(view)).digest('base64');
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
  map: ServerMap | undefined,
  onMailbox?: (identity: string, view: RecordView, digest: string) => void,
): Promise<Side> {
  const evaluator = new Evaluator(packs, now, false);
  const side: Side = { inputs: [], kinds: new Set(), records: new Map(), mailboxes: new Map(), findings: [] };
  const { summaries } = await ingestInputs(inputs, source, (record) => {
    const renamed = map?.rename(record);
    evaluator.record(record);
    if (record.kind === 'CASMailbox') {
      const view = viewOf(record, ignore);
      const digest = digestOf(view);
      side.mailboxes.set(identityKey(record.identity), [record.identity, digest]);
      onMailbox?.(record.identity, view, digest);
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

/** Reads the baseline's mailboxes again, handing over the views of the ones asked for. */
export async function rereadMailboxes(inputs: readonly string[], source: ExportSource, ignore: IgnoreList, wanted: ReadonlySet<string>, onView: (key: string, view: RecordView) => void): Promise<void> {
  await ingestInputs(inputs, source, (record) => {
    if (record.kind !== 'CASMailbox') return;
    const key = identityKey(record.identity);
    if (wanted.has(key)) onView(key, viewOf(record, ignore));
  });
}
