import type { ExportKind } from '../../model/export-kind.js';
import type { Fix } from '../../model/fix.js';
import type { CanonicalRecord, InputSummary, SourceRef } from '../../model/records.js';
import type { Severity, Verdict } from '../../model/result.js';
import type { ScanContext } from '../scan-context.js';

/** Counts gathered while CASMailbox records stream past (mailboxes are never all held in memory). */
export interface MailboxStats {
  total: number;
  popEnabled: number;
  imapEnabled: number;
  popEnabledOutsideAllowList: number;
  imapEnabledOutsideAllowList: number;
}

/** Everything a collection function may look at. */
export interface CollectionInput {
  records: ReadonlyMap<ExportKind, readonly CanonicalRecord[]>;
  context: ScanContext;
  params: Readonly<Record<string, unknown>>;
  options: Readonly<Record<string, unknown>>;
  inputs: readonly InputSummary[];
  mailboxes: MailboxStats;
  /** When the scan runs (or SOURCE_DATE_EPOCH), ISO 8601. */
  now: string;
}

/** One outcome of a collection rule; the engine turns it into a finding. */
export interface Outcome {
  identity: string;
  verdict: Verdict;
  kind?: ExportKind;
  severity?: Severity;
  server?: string;
  name?: string;
  field?: string;
  expected?: string;
  actual?: string;
  /** Fills {{detail}} in the rule's message. */
  detail?: string;
  /** The fix computed by the function for a failing outcome (instead of the rule's remediation template). */
  fix?: Fix;
  /** The record the outcome is about: gives placeholders for the remediation and the source. */
  record?: CanonicalRecord;
  source?: SourceRef;
}

export interface CollectionFunction {
  readonly description: string;
  readonly optionsSchema: object;
  /** The kinds whose presence makes the rule applicable (any of them). */
  kinds(options: Readonly<Record<string, unknown>>): ExportKind[];
  /** Why the rule does not apply to these exports at all, if it does not. */
  precondition?(input: CollectionInput): string | undefined;
  evaluate(input: CollectionInput): Outcome[];
}
