import { EXPORT_KINDS, KIND_CMDLETS, kindFromName, type ExportKind } from '../model/export-kind.js';
import type { CanonicalRecord, SourceRef } from '../model/records.js';
import { MissingIdentityError, normalizeRecord } from '../normalize/normalize-record.js';
import { isTypeNameString, unwrapPsObject } from '../normalize/values.js';
import { isProtocolService } from '../normalize/kinds/service.js';
import type { FileWarnings } from './file-warnings.js';
import type { IngestVisitor } from './ingest-export.js';
import type { DocumentShape, SplitterSink } from './json-splitter.js';
import { MANIFEST_KEY, recognizeKind, type Recognition } from './recognize-kind.js';

/** An unusable record: the file cannot be ingested. */
export class RecordError extends Error {
  constructor(
    readonly code: 'export/unrecognized-kind' | 'export/invalid-json',
    message: string,
    readonly pointer: string,
    readonly document: number | undefined,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** `properties A, B, …` of an object nobody recognised, for the error message. */
function describeProperties(o: Record<string, unknown>): string {
  const keys = Object.keys(o);
  if (keys.length === 0) return 'an object with no properties';
  const shown = keys.slice(0, 8).join(', ');
  return `properties ${shown}${keys.length > 8 ? `, … (${keys.length} in all)` : ''}`;
}

const DEPTH_HINT = 're-export with ConvertTo-Json -Depth 5';

/** Turns the splitter's values into records: unwraps containers, recognises kinds, normalises. */
export class RecordSink implements SplitterSink {
  records = 0;
  documents = 0;
  manifests = 0;
  onlyEmptyDocuments = true;
  readonly kinds: Partial<Record<ExportKind, number>> = {};
  readonly manifest: { exportedAt?: string; organization?: string } = {};
  private shape: DocumentShape = 'object';
  private containerKey: string | undefined;
  private wrapperCount: number | undefined;
  private wrapperItems = 0;
  private nulls = 0;
  private localServices = 0;
  private protocolServices = 0;
  private duplicates: string | undefined;
  private readonly ignoredKeys = new Set<string>();
  private readonly mismatches: string[] = [];
  private readonly manifestNotes: string[] = [];
  private at: number | { line: number; column: number } | undefined;

  constructor(
    private readonly path: string,
    private readonly warnings: FileWarnings,
    private readonly visitor: IngestVisitor,
  ) {}

  startDocument(shape: DocumentShape, firstKey?: string): void {
    this.documents++;
    this.shape = shape;
    this.containerKey = shape === 'container' ? firstKey : undefined;
    this.wrapperCount = undefined;
    this.wrapperItems = 0;
  }

  containerArray(key: string): void {
    const kind = kindFromName(key);
    if (kind && this.containerKey !== 'value') this.kinds[kind] ??= 0;
  }

  endDocument(): void {
    if (this.containerKey === 'value' && this.wrapperCount !== undefined && this.wrapperCount !== this.wrapperItems) {
      this.mismatches.push(`the {"value": [...], "Count": ${this.wrapperCount}} wrapper holds ${this.wrapperItems} items: the export may be incomplete`);
    }
  }

  /** `at`: where the value starts — a character offset (JSON) or a line and column (CliXml, Format-List). */
  value(value: unknown, key: string | undefined, index: number, at?: number | { line: number; column: number }): void {
    this.at = at;
    if (this.shape === 'scalar') {
      if (value === null) return; // `null`: what PS 7 writes for no objects
      throw new RecordError('export/unrecognized-kind', `the JSON document is ${typeof value === 'string' ? 'a string' : `a ${typeof value}`}, not exported objects`, '', this.docNumber());
    }
    if (this.shape === 'array' || this.shape === 'object') {
      this.onlyEmptyDocuments = false;
      this.handle(value, this.shape === 'array' ? `/${index}` : '', undefined, this.shape === 'array');
      return;
    }
    // Container: the PS 5.1 {"value": [...], "Count": n} wrapper, or a bundle keyed by kind.
    if (key === 'value' && this.containerKey === 'value') {
      if (index >= 0) {
        this.wrapperItems++;
        this.onlyEmptyDocuments = false;
        this.handle(value, `/value/${index}`, undefined, true);
      } else {
        this.handle(value, '/value', undefined, false);
      }
      return;
    }
    if (key === 'Count' && this.containerKey === 'value') {
      if (typeof value === 'number') this.wrapperCount = value;
      return;
    }
    const kind = key === undefined ? undefined : kindFromName(key);
    if (!kind || key === undefined) {
      if (key !== undefined) this.ignoredKeys.add(key);
      return;
    }
    const pointer = `/${escapePointer(key)}`;
    if (index >= 0) {
      this.onlyEmptyDocuments = false;
      this.handle(value, `${pointer}/${index}`, kind, true);
    } else {
      this.handle(value, pointer, kind, false);
    }
  }

  duplicateKey(key: string, offset: number): void {
    this.duplicates ??= `the key "${key.slice(0, 80)}" appears twice in one object (first near character ${offset}): only its last value was read — PowerShell never writes this, check how the file was made`;
  }

  fileWarnings(): string[] {
    const out = [...this.manifestNotes, ...this.mismatches];
    if (this.duplicates) out.push(this.duplicates);
    if (this.nulls > 0) out.push(`${this.nulls} null item${this.nulls === 1 ? '' : 's'} skipped (a cmdlet returned nothing for some input)`);
    if (this.localServices > 0) {
      out.push(`${this.localServices} service record${this.localServices === 1 ? '' : 's'} carry no server name (MachineName "."): attributed to "(local)"; export through Invoke-Command -ComputerName so PSComputerName is set`);
    }
    if (this.ignoredKeys.size > 0) out.push(`bundle properties ignored (not an export kind): ${[...this.ignoredKeys].join(', ')}`);
    if ((this.kinds.Service ?? 0) > 0 && this.protocolServices === 0) {
      out.push('no MSExchangePOP3, MSExchangePOP3BE, MSExchangeIMAP4 or MSExchangeIMAP4BE service in this service export: it says nothing about POP3/IMAP4 and its machines are not taken for Exchange servers (export Get-Service MSExchangePOP3*,MSExchangeIMAP4* from each Exchange server)');
    }
    return out;
  }

  private docNumber(): number | undefined {
    return this.documents > 1 ? this.documents : undefined;
  }

  /** `isItem`: the value is an item of a list (a null there is a skipped item, not an empty export). */
  private handle(value: unknown, pointer: string, bundleKind: ExportKind | undefined, isItem: boolean, depth = 0): void {
    const v = unwrapPsObject(value);
    if (v === null || v === undefined) {
      if (isItem) this.nulls++;
      return;
    }
    if (Array.isArray(v)) {
      // Nested arrays (PS 5.1 issue #5579, or @(a), @(b) piped together): take their items.
      if (depth >= MAX_LIST_NESTING) {
        throw new RecordError('export/unrecognized-kind', `lists nested more than ${MAX_LIST_NESTING} deep: not an export PowerShell writes`, pointer, this.docNumber());
      }
      v.forEach((item, i) => this.handle(item, `${pointer}/${i}`, bundleKind, true, depth + 1));
      return;
    }
    if (typeof v !== 'object') {
      if (isTypeNameString(v)) {
        throw new RecordError('export/unrecognized-kind', `the record at ${pointer || '/'} was cut off by ConvertTo-Json's depth limit ("${String(v).slice(0, 80)}")`, pointer, this.docNumber(), DEPTH_HINT);
      }
      throw new RecordError('export/unrecognized-kind', `expected exported objects, found ${JSON.stringify(v).slice(0, 60)} at ${pointer || '/'}`, pointer, this.docNumber());
    }
    const o = v as Record<string, unknown>;
    if (pointer === '' && MANIFEST_KEY in o) {
      this.manifests++;
      if (typeof o.exportedAt === 'string') this.manifest.exportedAt = o.exportedAt;
      if (typeof o.organization === 'string') this.manifest.organization = o.organization;
      // What the export script could not export: said once here, so a missing file is not taken for an empty one.
      for (const [key, what] of [['notExported', 'not exported'], ['unreachable', 'not exported from server']] as const) {
        const entries = o[key];
        if (entries === null || typeof entries !== 'object' || Array.isArray(entries)) continue;
        for (const [name, why] of Object.entries(entries as Record<string, unknown>).slice(0, 100)) {
          this.manifestNotes.push(`${what === 'not exported' ? `${name} not exported` : `${what} ${name}`}: ${String(why).slice(0, 200)}`);
        }
      }
      return;
    }
    const found = recognizeKind(o);
    let recognition: Recognition;
    if (found && 'ambiguous' in found) {
      if (!bundleKind) throw new RecordError('export/unrecognized-kind', `${found.ambiguous} (at ${pointer || '/'})`, pointer, this.docNumber());
      recognition = { kind: bundleKind };
    } else if (found) {
      if (bundleKind && found.kind !== bundleKind) {
        throw new RecordError('export/unrecognized-kind', `the bundle's ${bundleKind} list holds a ${found.kind} record at ${pointer}`, pointer, this.docNumber());
      }
      recognition = found;
    } else if (bundleKind) {
      recognition = { kind: bundleKind };
    } else {
      throw new RecordError(
        'export/unrecognized-kind',
        `not an export casguard knows (${EXPORT_KINDS.map((k) => KIND_CMDLETS[k]).join(', ')}): the object at ${pointer || '/'} has ${describeProperties(o)}`,
        pointer,
        this.docNumber(),
      );
    }
    const source: SourceRef = { path: this.path, pointer };
    // Where a top-level record starts; items of a list inside a container share their container's start.
    if (typeof this.at === 'number') source.offset = this.at;
    else if (this.at) Object.assign(source, this.at);
    const doc = this.docNumber();
    if (doc) source.document = doc;
    let record: CanonicalRecord;
    try {
      record = normalizeRecord(o, recognition, source, this.warnings);
    } catch (err) {
      if (err instanceof MissingIdentityError) {
        throw new RecordError('export/unrecognized-kind', `${err.message} at ${pointer || '/'}: casguard cannot tell which ${err.kind === 'CASMailbox' ? 'mailbox' : 'object'} it is`, pointer, doc, 'export all properties (Select-Object * or no Select-Object at all)');
      }
      throw err;
    }
    if (record.server === '(local)') this.localServices++;
    if (record.kind === 'Service' && isProtocolService(record)) this.protocolServices++;
    this.kinds[record.kind] = (this.kinds[record.kind] ?? 0) + 1;
    this.records++;
    this.visitor.record(record);
  }
}

/** PowerShell nests lists a level or two (issue #5579); anything deeper is not an export. */
const MAX_LIST_NESTING = 16;

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
