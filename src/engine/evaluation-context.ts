import type { CanonicalRecord } from '../model/records.js';
import type { Tri } from './tri.js';

/** What a condition sees: the record under test (or a list item) and the scan-wide facts. */
export interface Subject {
  record: CanonicalRecord;
  /** Set while evaluating `allItems`/`anyItem`/`noItem`: the current item of the list. */
  item?: unknown;
}

/** Scan-wide knowledge conditions may ask about (policy params and facts about other kinds). */
export interface FactSource {
  readonly params: Readonly<Record<string, unknown>>;
  fact(name: string, subject: Subject, options: Record<string, unknown>): Tri;
}

/** A compiled condition. */
export type Check = (subject: Subject, facts: FactSource) => Tri;
