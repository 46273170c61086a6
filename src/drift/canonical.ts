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

/** One value as canonical text: object keys sorted, lists sorted (Exchange's multi-valued properties are sets). */
export function canonicalText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        if (value.length === 0) return '[]';
        if (value.length === 1) return `[${canonicalText(value[0])}]`;
        return `[${value.map(canonicalText).sort(compareText).join(',')}]`;
      }
      return `{${Object.keys(value).sort(compareText).map((k) => `${JSON.stringify(k)}:${canonicalText((value as Record<string, unknown>)[k])}`).join(',')}}`;
    default:
      return JSON.stringify(value) ?? 'null';
  }
}

/** The compared properties of a record: name → canonical text; unreadable ones apart. */
export interface RecordView {
  values: Record<string, string>;
  unreadable: string[];
}


/**
 * The compared properties of a record as one text (`name\u0000canonical\u0001`…, unreadable ones after
 * `\u0002`), in property order: the single place that decides what drift compares. `rewrite` renames a
 * mapped server inside values.
 */
export function recordText(record: CanonicalRecord, ignore: IgnoreList, rewrite?: (value: unknown) => unknown): string {
  let text = '';
  const props = record.props;
  for (const key of comparedKeys(record.kind, Object.keys(props), ignore)) {
    const v = props[key];
    text += `${key}\u0000${canonicalText(rewrite ? rewrite(v) : v)}\u0001`;
  }
  for (const key of Object.keys(record.unreadable).sort(compareText)) if (!ignore.has(record.kind, key)) text += `\u0002${key}\u0001`;
  return text;
}

/** Per kind, the last key list seen and the compared keys in order: records of one export share their key order. */
const lastKeys = new Map<string, { keys: string[]; ignore: IgnoreList; compared: string[] }>();

function comparedKeys(kind: ExportKind, keys: string[], ignore: IgnoreList): string[] {
  const last = lastKeys.get(kind);
  if (last && last.ignore === ignore && last.keys.length === keys.length && last.keys.every((k, i) => k === keys[i])) return last.compared;
  const compared = [...keys].sort(compareText).filter((k) => !ignore.has(kind, k));
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

/** The view a digest text stands for (a baseline mailbox that changed, read back from its packed text). */
export function viewOfText(text: string): RecordView {
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  const unreadable: string[] = [];
  for (const entry of text.split('\u0001')) {
    if (!entry) continue;
    if (entry.startsWith('\u0002')) unreadable.push(entry.slice(1));
    else {
      const at = entry.indexOf('\u0000');
      values[entry.slice(0, at)] = entry.slice(at + 1);
    }
  }
  return { values, unreadable };
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
