// What a scan worker hands back after evaluating its share of a large mailbox export: plain data in
// columns (typed arrays and numbered texts, which a worker transfers in a fraction of the time 200,000
// small objects take to clone), in record order, with positions local to the worker's segment.

import type { Inventory, Verdict } from '../model/result.js';
import type { CanonicalRecord, SourceRef } from '../model/records.js';
import type { EvaluatedFinding, FindingSubject } from './evaluated-finding.js';
import type { MailboxStats } from './functions/types.js';

const VERDICTS: readonly Verdict[] = ['pass', 'fail', 'error', 'not_applicable'];

/** What few findings carry besides their columns. */
export interface FindingExtras {
  detail?: string;
  props?: Record<string, unknown>;
  /** For rules whose severity reads the record: the values it reads. */
  severityRecord?: Pick<CanonicalRecord, 'props' | 'unreadable'>;
}

/** The mailboxes with findings: names, and index and character offset in the segment ('' and NaN for none). */
export interface PartialSubjects {
  identity: string[];
  server: string[];
  name: string[];
  index: Uint32Array;
  offset: Float64Array;
}

/** The streamed findings, one row each: severity-reading ones (`pending` 1) and the others, each in record order. */
export interface PartialFindings {
  /** Index of the rule in the packs' rules. */
  rule: Uint16Array;
  verdict: Uint8Array;
  subject: Uint32Array;
  /** Number of the actual-value text in `texts`, -1 for none. */
  actual: Int32Array;
  pending: Uint8Array;
  texts: string[];
  extras: [number, FindingExtras][];
}

export interface PartialEvaluation {
  /** Per rule (packs' order): pass, fail, error, not applicable, applied. */
  counts: [number, number, number, number, number][];
  stats: MailboxStats;
  notable: Inventory['mailboxes']['notable'];
  subjects: PartialSubjects;
  findings: PartialFindings;
}

/** Where a worker's segment sits in its file: what turns local positions into the file's. */
export interface SegmentPlace {
  path: string;
  /** Records before the segment. */
  indexBase: number;
  /** Characters before the segment. */
  charBase: number;
}

/** One finding to encode: its rule's index, whether its severity waits on its record (kept slim). */
export interface FindingEntry {
  finding: EvaluatedFinding;
  rule: number;
  record?: CanonicalRecord;
}

/** Encodes findings in columns; subjects shared by several findings are written once. */
export function encodeFindings(entries: readonly FindingEntry[]): { subjects: PartialSubjects; findings: PartialFindings } {
  const n = entries.length;
  const findings: PartialFindings = { rule: new Uint16Array(n), verdict: new Uint8Array(n), subject: new Uint32Array(n), actual: new Int32Array(n), pending: new Uint8Array(n), texts: [], extras: [] };
  const subjectRows = new Map<FindingSubject, number>();
  const ids: string[] = [];
  const servers: string[] = [];
  const names: string[] = [];
  const indexes: number[] = [];
  const offsets: number[] = [];
  const textRows = new Map<string, number>();
  entries.forEach(({ finding: f, rule, record }, i) => {
    const s = f.subjectRef;
    let row = subjectRows.get(s);
    if (row === undefined) {
      row = ids.push(s.identity) - 1;
      servers.push(s.server ?? '');
      names.push(s.name ?? '');
      indexes.push(Number(s.source.pointer.slice(1)));
      offsets.push(s.source.offset ?? Number.NaN);
      subjectRows.set(s, row);
    }
    findings.rule[i] = rule;
    findings.verdict[i] = VERDICTS.indexOf(f.verdict);
    findings.subject[i] = row;
    findings.pending[i] = record ? 1 : 0;
    if (f.actual === undefined) findings.actual[i] = -1;
    else {
      let t = textRows.get(f.actual);
      if (t === undefined) textRows.set(f.actual, (t = findings.texts.push(f.actual) - 1));
      findings.actual[i] = t;
    }
    const extras: FindingExtras = {};
    if (f.detail !== undefined) extras.detail = f.detail;
    if (f.props) extras.props = f.props;
    if (record) extras.severityRecord = { props: record.props, unreadable: record.unreadable };
    if (extras.detail !== undefined || extras.props || extras.severityRecord) findings.extras.push([i, extras]);
  });
  return { subjects: { identity: ids, server: servers, name: names, index: Uint32Array.from(indexes), offset: Float64Array.from(offsets) }, findings };
}

/** The buffers a worker can transfer instead of copying. */
export function transferables(part: PartialEvaluation): ArrayBuffer[] {
  const f = part.findings;
  const s = part.subjects;
  return [f.rule, f.verdict, f.subject, f.actual, f.pending, s.index, s.offset].map((a) => a.buffer as ArrayBuffer);
}

/** One decoded finding, positions made the file's. */
export interface DecodedFinding {
  rule: number;
  verdict: Verdict;
  subject: FindingSubject;
  actual?: string;
  extras?: FindingExtras;
  pending: boolean;
}

/** Decodes the findings in row order; findings of one mailbox share one subject, as in a sequential read. */
export function* decodeFindings(part: PartialEvaluation, place: SegmentPlace): Generator<DecodedFinding> {
  const s = part.subjects;
  const subjects = s.identity.map((identity, i): FindingSubject => {
    const source: SourceRef = { path: place.path, pointer: `/${place.indexBase + (s.index[i] as number)}` };
    const offset = s.offset[i] as number;
    if (!Number.isNaN(offset)) source.offset = place.charBase + offset;
    const server = s.server[i];
    const name = s.name[i];
    return { identity, source, ...(server ? { server } : {}), ...(name ? { name } : {}) };
  });
  const f = part.findings;
  const extras = new Map(f.extras);
  for (let i = 0; i < f.rule.length; i++) {
    const actual = f.actual[i] as number;
    const extra = extras.get(i);
    yield {
      rule: f.rule[i] as number,
      verdict: VERDICTS[f.verdict[i] as number] as Verdict,
      subject: subjects[f.subject[i] as number] as FindingSubject,
      ...(actual >= 0 ? { actual: f.texts[actual] as string } : {}),
      ...(extra ? { extras: extra } : {}),
      pending: f.pending[i] === 1,
    };
  }
}
