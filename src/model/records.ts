import type { ValueProblemReason } from '../normalize/values.js';
import type { ExportKind } from './export-kind.js';

/** Where a record came from: the input path (as given) and a JSON pointer into the file. */
export interface SourceRef {
  path: string;
  pointer: string;
  /** 1-based number of the JSON document, when the file holds several concatenated ones. */
  document?: number;
  /** Character offset of the record in the decoded text (JSON); turned into line and column only when an output needs them. */
  offset?: number;
  /** 1-based line and column of the record's start, when known (CliXml and Format-List give them; JSON after locating its offset). */
  line?: number;
  column?: number;
}

/**
 * One exported object in canonical form (DESIGN §4): Exchange's property names, normalised values,
 * the original object for evidence, and the properties that could not be read.
 */
export interface CanonicalRecord {
  kind: ExportKind;
  /** Key within the kind: server name, mailbox identity, rule name, `server/service`. */
  identity: string;
  /** Server the record belongs to (settings and service kinds). */
  server?: string;
  props: Record<string, unknown>;
  /** The exported value of every property whose value normalisation changed (evidence); see rawValue. */
  raw: Record<string, unknown>;
  /** Properties whose value was unusable, with the reason; rules that need them report `error`. */
  unreadable: Record<string, { reason: ValueProblemReason; detail: string }>;
  source: SourceRef;
}

/** What `inspect` (and the result's `inputs`) say about one input file. */
export interface InputSummary {
  path: string;
  /** The kind, `bundle` when a file holds several kinds, `manifest` for the export manifest. */
  kind: string;
  count: number;
  /** Record counts per kind (bundles and mixed files). */
  kinds: Partial<Record<ExportKind, number>>;
  encoding: string;
  /** The form the file is in: ConvertTo-Json output, Export-Clixml output or Format-List text. */
  format: 'json' | 'clixml' | 'format-list';
  flavour: '5.1' | '7' | 'unknown';
  bytes: number;
  sha256: string;
  warnings: string[];
  /** From an export manifest: when the export was taken and of which organisation. */
  exportedAt?: string;
  organization?: string;
}

/** A property's value exactly as exported. */
export function rawValue(record: CanonicalRecord, property: string): unknown {
  return property in record.raw ? record.raw[property] : record.props[property];
}
