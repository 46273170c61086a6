// What drift compares: a record's properties as canonical text, so that the same setting written by
// Windows PowerShell 5.1 and by PowerShell 7 (order of properties, order of set-like lists, enum spelling,
// encoding) compares equal.

import type { ExportKind } from '../model/export-kind.js';
import type { CanonicalRecord } from '../model/records.js';
import { formatValue } from '../report/format-value.js';
import { compareText } from '../report/compare-text.js';
import { hashText } from '../report/hash-text.js';

/**
 * Properties that change without anyone changing a setting: timestamps, session and replication
 * bookkeeping, directory paths that embed the server, object ids. Ignored on every kind by default.
 */
export const VOLATILE: readonly string[] = [
  'WhenChanged', 'WhenCreated', 'WhenChangedUTC', 'WhenCreatedUTC', 'RunspaceId', 'OriginatingServer', 'ObjectState', 'IsValid',
  'DistinguishedName', 'Guid', 'Id', 'ObjectCategory', 'ExchangeObjectId', 'OrganizationId', 'PSComputerName', 'PSShowComputerName',
  'PSSourceJobInstanceId', 'PSSnapIn', 'ExchangeVersion', 'LastLogonTime', 'ServiceHandle', 'DependentServices', 'ServicesDependedOn',
  'RequiredServices', 'Container', 'Site', 'MachineName', 'ProcessId',
];

/**
 * Properties never compared on a kind: those that name the record (part of its key), and for services
 * the descriptive ones Get-Service and Win32_Service spell differently (only Status and StartType matter).
 */
const IDENTITY: Partial<Record<ExportKind, readonly string[]>> = {
  PopSettings: ['Server', 'Identity', 'Name'],
  ImapSettings: ['Server', 'Identity', 'Name'],
  Service: ['Name', 'ServiceName', 'DisplayName', 'ServiceType', 'CanPauseAndContinue', 'CanShutdown', 'CanStop', 'StartupType', 'Description', 'BinaryPathName', 'UserName', 'DelayedAutoStart', 'StartName', 'PathName', 'State', 'StartMode'],
  ExchangeServer: ['Name', 'Identity'],
};

/** Which properties of a kind are left out of the comparison: the volatile ones and the user's --ignore. */
export class IgnoreList {
  private readonly global: Set<string>;
  private readonly perKind = new Map<string, Set<string>>();

  /** `entries`: `Prop` (every kind) or `Kind.Prop`. */
  constructor(entries: readonly string[], volatile = true) {
    this.global = new Set(volatile ? VOLATILE : []);
    for (const e of entries) {
      const dot = e.indexOf('.');
      if (dot < 0) this.global.add(e);
      else {
        const kind = e.slice(0, dot).toLowerCase();
        let set = this.perKind.get(kind);
        if (!set) this.perKind.set(kind, (set = new Set()));
        set.add(e.slice(dot + 1));
      }
    }
  }

  private readonly byKind = new Map<ExportKind, Set<string>>();

  has(kind: ExportKind, prop: string): boolean {
    let set = this.byKind.get(kind);
    if (!set) this.byKind.set(kind, (set = new Set([...this.global, ...(this.perKind.get(kind.toLowerCase()) ?? []), ...(IDENTITY[kind] ?? [])])));
    return set.has(prop);
  }

  /** What the report lists as ignored. */
  describe(): string[] {
    return [...this.global, ...[...this.perKind].flatMap(([k, set]) => [...set].map((p) => `${k}.${p}`))].sort(compareText);
  }
}

/**
 * A value in canonical form: object keys sorted, lists sorted (Exchange's multi-valued properties are
 * sets), non-finite numbers as null. JSON.stringify of it is its canonical text; values that are
 * already canonical (every primitive, most lists) come back as they are, so nothing is copied.
 */
export function canonicalValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'number' && !Number.isFinite(value) ? null : value;
  if (Array.isArray(value)) {
    if (value.length === 0) return value;
    const items = value.map(canonicalValue);
    if (items.length > 1) items.sort(compareCanonical);
    return items.every((v, i) => v === value[i]) ? value : items;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort(compareText)) out[k] = canonicalValue((value as Record<string, unknown>)[k]);
  return out;
}

/** A total order of canonical values: texts first, by text; then everything else by its JSON. */
function compareCanonical(a: unknown, b: unknown): number {
  const sa = typeof a === 'string';
  const sb = typeof b === 'string';
  if (sa && sb) return compareText(a, b);
  if (sa !== sb) return sa ? -1 : 1;
  return compareText(JSON.stringify(a) ?? 'null', JSON.stringify(b) ?? 'null');
}

/** One value as canonical text. */
export function canonicalText(value: unknown): string {
  return JSON.stringify(canonicalValue(value)) ?? 'null';
}

/** The compared properties of a record: name → canonical text; unreadable ones apart. */
export interface RecordView {
  values: Record<string, string>;
  unreadable: string[];
}

/** Every list of compared property names seen in this run, by number (a record's text names its list). */
const keyLists: string[][] = [];
const keyListIds = new Map<string, number>();

/**
 * The compared properties of a record as one text: the JSON of [its property list's number, its
 * unreadable properties, each compared value in canonical form] — one native JSON.stringify, the single
 * place that decides what drift compares. `rewrite` renames a mapped server inside values.
 */
export function recordText(record: CanonicalRecord, ignore: IgnoreList, rewrite?: (value: unknown) => unknown): string {
  const props = record.props;
  const { keys, id } = comparedKeys(record.kind, Object.keys(props), ignore);
  const unreadableKeys = Object.keys(record.unreadable);
  const unreadable = unreadableKeys.length ? unreadableKeys.filter((k) => !ignore.has(record.kind, k)).sort(compareText) : unreadableKeys;
  const parts: unknown[] = new Array<unknown>(keys.length + 2);
  parts[0] = id;
  parts[1] = unreadable;
  for (let i = 0; i < keys.length; i++) {
    const v = props[keys[i] as string];
    parts[i + 2] = canonicalValue(rewrite ? rewrite(v) : v);
  }
  return JSON.stringify(parts);
}

/** Per kind, the last key list seen and its compared keys: records of one export share their key order. */
const lastKeys = new Map<string, { keys: string[]; ignore: IgnoreList; compared: { keys: string[]; id: number } }>();

function comparedKeys(kind: ExportKind, keys: string[], ignore: IgnoreList): { keys: string[]; id: number } {
  const last = lastKeys.get(kind);
  if (last && last.ignore === ignore && last.keys.length === keys.length && last.keys.every((k, i) => k === keys[i])) return last.compared;
  const list = [...keys].sort(compareText).filter((k) => !ignore.has(kind, k));
  const joined = list.join('\u0000');
  let id = keyListIds.get(joined);
  if (id === undefined) {
    id = keyLists.push(list) - 1;
    keyListIds.set(joined, id);
  }
  const compared = { keys: keyLists[id] as string[], id };
  lastKeys.set(kind, { keys, ignore, compared });
  return compared;
}

/** A record's text and its digest, hashed once (a hash update per property costs more than the hashing). */
export function digestRecord(record: CanonicalRecord, ignore: IgnoreList): { digest: string; text: string } {
  const text = recordText(record, ignore);
  return { digest: hashText('sha1', text, 'base64'), text };
}

/** A record's compared properties as a view (name → canonical text). */
export function viewOf(record: CanonicalRecord, ignore: IgnoreList, rewrite?: (value: unknown) => unknown): RecordView {
  return viewOfText(recordText(record, ignore, rewrite));
}

/** The view a record text stands for (a baseline mailbox that changed, read back from the spill file). */
export function viewOfText(text: string): RecordView {
  const [id, unreadable, ...values] = JSON.parse(text) as [number, string[], ...unknown[]];
  const keys = keyLists[id];
  if (!keys || keys.length !== values.length) throw new Error(`drift record text names property list ${id}, which this run does not have`);
  const view: Record<string, string> = Object.create(null) as Record<string, string>;
  for (let i = 0; i < keys.length; i++) view[keys[i] as string] = JSON.stringify(values[i]) ?? 'null';
  return { values: view, unreadable };
}

/** A canonical text as the administrator reads it (`mail.contoso.com:995:SSL`), for before/after columns. */
export function displayText(text: string | undefined, field?: string): string | undefined {
  if (text === undefined) return undefined;
  return formatValue(JSON.parse(text) as unknown, field);
}

/** The items of a canonical list text (for "added"/"removed" items), or undefined when it is not a list. */
export function listItems(text: string): string[] | undefined {
  const v = JSON.parse(text) as unknown;
  return Array.isArray(v) ? v.map((x) => formatValue(x)) : undefined;
}
