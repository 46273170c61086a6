// Reading a record's properties as evidence. Every check that looks at a property goes through these, so a
// value cut off by ConvertTo-Json's depth limit, unreadable or missing is `unknown` everywhere — never read
// as "empty" (which would pass a safeguard check or fail a deny-rule check on no evidence).

import type { CanonicalRecord } from '../model/records.js';
import { unreadableProperty, Unknown } from './tri.js';

type Evidence = Pick<CanonicalRecord, 'props' | 'unreadable'>;

/** A property's value, or Unknown when it is missing, depth-truncated or unreadable. */
export function readValue(record: Evidence, key: string): unknown {
  const bad = unreadableProperty(record, key);
  if (bad) return bad;
  const v = Object.hasOwn(record.props, key) ? record.props[key] : undefined;
  return v === undefined ? new Unknown(`${key} is missing from the export`) : v;
}

/**
 * A list-valued property: its items (`null` and `""` are the empty list, a single value a list of one),
 * or Unknown when the property is missing, depth-truncated or unreadable.
 */
export function readList(record: Evidence, key: string): readonly unknown[] | Unknown {
  const v = readValue(record, key);
  if (v instanceof Unknown) return v;
  return Array.isArray(v) ? v : v === null || v === '' ? [] : [v];
}

/**
 * A list-valued property that some Exchange versions do not have at all (AnyOfSourceTcpPortNumbers exists
 * only on 2013): absent is the empty list, but cut off or unreadable is still Unknown.
 */
export function readOptionalList(record: Evidence, key: string): readonly unknown[] | Unknown {
  if (!Object.hasOwn(record.props, key) && !record.unreadable[key]) return [];
  return readList(record, key);
}

/** A list-valued property as strings (the ones a rule compares by name). */
export function readStrings(record: Evidence, key: string): readonly string[] | Unknown {
  const v = readList(record, key);
  return v instanceof Unknown ? v : v.map((x) => String(x));
}
