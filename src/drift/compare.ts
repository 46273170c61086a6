import type { ExportKind } from '../model/export-kind.js';
import type { DriftChange, Uncomparable } from '../model/drift.js';
import { knownProperties } from '../normalize/normalize-record.js';
import { compareText } from '../report/compare-text.js';
import { displayText, listItems, type RecordView } from './canonical.js';

/** What is compared for one record pair: its views, and in migration mode the view with the server renamed. */
export interface Pair {
  kind: ExportKind;
  identity: string;
  baselineIdentity?: string;
  server?: string;
  before?: RecordView;
  after?: RecordView;
  renamedBefore?: RecordView;
}

/** Properties that differ between paired servers by design (declared per kind; casguard.yml adds more). */
export const EXPECTED_MIGRATION_DIFFERENCES: Partial<Record<ExportKind, readonly string[]>> = {
  PopSettings: ['LogFileLocation'],
  ImapSettings: ['LogFileLocation'],
  ExchangeServer: ['AdminDisplayVersion', 'Edition', 'ServerRole', 'Fqdn', 'Site', 'IsClientAccessServer', 'IsMailboxServer', 'Build'],
};

/**
 * The changes between two views of one record: added or removed record, or one `modified` change per
 * property whose canonical value differs. A property unreadable on either side, or a property casguard
 * interprets that only one side exported, cannot be compared and is listed apart — never as a change.
 */
export function comparePair(pair: Pair, expected: (kind: ExportKind, field: string) => boolean, out: { changes: DriftChange[]; uncomparable: Uncomparable[] }): void {
  const base = { kind: pair.kind, identity: pair.identity, ...(pair.baselineIdentity && pair.baselineIdentity !== pair.identity ? { baselineIdentity: pair.baselineIdentity } : {}), ...(pair.server ? { server: pair.server } : {}) };
  if (!pair.before) {
    out.changes.push({ ...base, change: 'added' });
    return;
  }
  if (!pair.after) {
    out.changes.push({ ...base, change: 'removed' });
    return;
  }
  const { before, after } = pair;
  const known = new Set(knownProperties(pair.kind));
  const unreadable = new Set([...before.unreadable, ...after.unreadable]);
  for (const field of [...unreadable].sort(compareText)) {
    const where = before.unreadable.includes(field) ? (after.unreadable.includes(field) ? 'both sides' : 'the baseline') : 'the current side';
    out.uncomparable.push({ kind: pair.kind, identity: pair.identity, field, reason: `cut off or unreadable in ${where}` });
  }
  const fields = new Set([...Object.keys(before.values), ...Object.keys(after.values)]);
  for (const field of [...fields].sort(compareText)) {
    if (unreadable.has(field)) continue;
    const b = before.values[field];
    const a = after.values[field];
    if (b === a) continue;
    if (b === undefined || a === undefined) {
      if (known.has(field)) out.uncomparable.push({ kind: pair.kind, identity: pair.identity, field, reason: `not in the ${b === undefined ? 'baseline' : 'current'} export` });
      continue;
    }
    const renamed = pair.renamedBefore?.values[field];
    const change: DriftChange = { ...base, change: 'modified', field, before: displayText(b, field) as string, after: displayText(a, field) as string };
    const bItems = listItems(b);
    const aItems = listItems(a);
    if (bItems && aItems) {
      const added = aItems.filter((x) => !bItems.includes(x));
      const removed = bItems.filter((x) => !aItems.includes(x));
      if (added.length) change.added = added;
      if (removed.length) change.removed = removed;
    }
    if (renamed === a || (pair.renamedBefore && expected(pair.kind, field))) change.expected = true;
    out.changes.push(change);
  }
}
