// What a scan worker hands back after evaluating its share of a large mailbox export: plain data
// (structured-cloneable), in record order, with record positions local to the worker's segment.

import type { Inventory, Verdict } from '../model/result.js';
import type { CanonicalRecord } from '../model/records.js';
import type { MailboxStats } from './functions/types.js';

/** A mailbox with findings: its names and where it sits in the worker's segment. */
export interface PartialSubject {
  identity: string;
  server?: string;
  name?: string;
  /** Index of the record in the segment (the JSON pointer's number before the segment's start is added). */
  index: number;
  /** Character offset in the segment's text. */
  offset?: number;
}

/** One streamed finding: its rule (index in the packs' rules), verdict, subject and rendered values. */
export interface PartialFinding {
  rule: number;
  verdict: Verdict;
  subject: number;
  actual?: string;
  detail?: string;
  props?: Record<string, unknown>;
  /** For rules whose severity reads the record: the values it reads. */
  severityRecord?: Pick<CanonicalRecord, 'props' | 'unreadable'>;
}

export interface PartialEvaluation {
  /** Per rule (packs' order): pass, fail, error, not applicable, applied. */
  counts: [number, number, number, number, number][];
  stats: MailboxStats;
  notable: Inventory['mailboxes']['notable'];
  subjects: PartialSubject[];
  /** Findings whose severity reads their record, in record order. */
  pending: PartialFinding[];
  /** The other streamed findings, in record order. */
  byRule: PartialFinding[];
}

/** Where a worker's segment sits in its file: what turns local positions into the file's. */
export interface SegmentPlace {
  path: string;
  /** Records before the segment. */
  indexBase: number;
  /** Characters before the segment. */
  charBase: number;
}
