import { createHash } from 'node:crypto';
import { CasguardError } from '../errors.js';
import { KIND_CMDLETS, kindFromName, type ExportKind } from '../model/export-kind.js';
import type { CanonicalRecord, InputSummary, SourceRef } from '../model/records.js';
import { FileWarnings } from './file-warnings.js';
import { JsonSplitter, JsonSyntaxError } from './json-splitter.js';
import { RecordError, RecordSink } from './record-sink.js';
import { CliXmlError, CliXmlReader } from './clixml-reader.js';
import { FormatListError, FormatListReader } from './format-list-reader.js';
import { classifyText, detectFlavour, type TextFormat } from './sniff-text.js';
import { BinaryContentError, ChunkDecoder, EncodingError, sniffEncoding } from './text-decoder.js';

/** Receives what a file holds, record by record, so nothing but the caller decides what to keep. */
export interface IngestVisitor {
  record(record: CanonicalRecord): void;
  /** Called after each chunk with the bytes read and records found so far. */
  progress?(bytes: number, records: number): void;
}

/** One input: its path as the user gave it (for messages and results) and its bytes. */
export interface ExportInput {
  path: string;
  chunks: AsyncIterable<Buffer>;
}

const HEAD_BYTES = 64 * 1024;

/** A mailbox export of exactly 1000 records (said by the sequential and the parallel read alike). */
export const RESULT_SIZE_WARNING = 'exactly 1000 Get-CASMailbox records: probably cut at the default -ResultSize of 1000; re-export with Get-CASMailbox -ResultSize Unlimited';

/** The kind an empty export is taken to be, from a word of its file name (`Get-ClientAccessRule.json`). */
export function kindFromFileName(path: string): ExportKind | undefined {
  const base = path.split(/[\\/]/).pop() ?? path;
  for (const word of base.replace(/\.[^.]*$/, '').split(/[^A-Za-z0-9]+/)) {
    const kind = kindFromName(word);
    if (kind) return kind;
  }
  return undefined;
}

function isContainerKey(key: string): boolean {
  return key === 'value' || kindFromName(key) !== undefined;
}


/**
 * Reads one export file: detects its encoding, splits its JSON stream, recognises and normalises every
 * record and hands each to the visitor. Returns the file's summary. Throws CasguardError for input that
 * cannot be used (with file and byte offset, character offset or JSON pointer).
 */
export async function ingestExport(input: ExportInput, visitor: IngestVisitor): Promise<InputSummary> {
  const hash = createHash('sha256');
  const warnings = new FileWarnings();
  const fail = (code: ConstructorParameters<typeof CasguardError>[0], message: string, extra: Partial<SourceRef> & { byteOffset?: number; charOffset?: number; line?: number; column?: number } = {}, hint?: string): CasguardError =>
    new CasguardError(code, message, { hint, location: { file: input.path, ...extra } });

  const iterator = input.chunks[Symbol.asyncIterator]();
  let bytes = 0;
  const headParts: Buffer[] = [];
  let ended = false;
  while (bytes < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    hash.update(next.value);
    bytes += next.value.length;
    headParts.push(next.value);
  }
  const head = Buffer.concat(headParts);

  let decoder: ChunkDecoder;
  try {
    const { encoding, bomLength } = sniffEncoding(head);
    decoder = new ChunkDecoder(encoding, bomLength);
  } catch (err) {
    if (err instanceof BinaryContentError) {
      throw fail('export/binary', `not a text export: it looks like ${err.what}`, {}, 'give casguard the JSON files written by ConvertTo-Json');
    }
    throw err;
  }

  const sink = new RecordSink(input.path, warnings, visitor);
  let headText = '';
  let format: TextFormat = 'json';
  let formatList: FormatListReader | undefined;
  try {
    headText = decoder.decode(head.subarray(decoder.bomLength));
    if (ended) headText += decoder.end();
    const classified = classifyText(headText);
    if (typeof classified !== 'string') throw fail('export/not-json', `not an export casguard reads: this is ${classified.what}`, {}, classified.hint);
    format = classified;
    let splitter: { write(text: string): void; end(): void };
    if (format === 'clixml') {
      // XML allows nothing before its declaration; PowerShell's `#< CLIXML` stream marker is not XML.
      const prefix = /^\s*(#< CLIXML\r?\n)?\s*/.exec(headText)?.[0] ?? '';
      headText = headText.slice(prefix.length);
      splitter = new CliXmlReader(sink, prefix.split('\n').length - 1);
    } else if (format === 'format-list') {
      splitter = formatList = new FormatListReader(sink);
    } else {
      splitter = new JsonSplitter(sink, isContainerKey);
    }
    splitter.write(headText);
    visitor.progress?.(bytes, sink.records);
    while (!ended) {
      const next = await iterator.next();
      if (next.done) break;
      hash.update(next.value);
      bytes += next.value.length;
      splitter.write(decoder.decode(next.value));
      visitor.progress?.(bytes, sink.records);
    }
    if (!ended) splitter.write(decoder.end());
    splitter.end();
  } catch (err) {
    if (err instanceof EncodingError) {
      throw fail('export/invalid-encoding', `${err.message} (read as ${decoder.effectiveEncoding})`, { byteOffset: err.byteOffset }, 'the file is damaged or was edited with another encoding; re-export it');
    }
    if (err instanceof JsonSyntaxError) {
      throw fail(err.tooLarge ? 'export/too-large-value' : 'export/invalid-json', `invalid JSON: ${err.message}`, { charOffset: err.offset });
    }
    if (err instanceof CliXmlError) {
      throw fail(err.tooLarge ? 'export/too-large-value' : 'export/invalid-xml', `invalid CliXml: ${err.message}`, { line: err.line, column: err.column });
    }
    if (err instanceof FormatListError) throw fail('export/invalid-text', err.message, { line: err.line }, 'export JSON or CliXml instead; Format-List text is read only as pasted from the console');
    if (err instanceof RecordError) throw fail(err.code, err.message, { pointer: err.pointer, ...(err.document ? { document: err.document } : {}) }, err.hint);
    throw err;
  }

  if (decoder.fellBackToWindows1252) {
    warnings.add("not UTF-8: read as Windows-1252 (what Windows PowerShell's Set-Content writes); export with -Encoding utf8 to be sure of the characters");
  }
  if (format === 'format-list') {
    warnings.add(`read from Format-List text, which is lossy: values are strings, long values and lists are cut with "..." (those are unknown), and nothing says which server a record came from when the text does not; export JSON or CliXml for an audit${formatList?.skippedLines ? ` (${formatList.skippedLines} line${formatList.skippedLines === 1 ? '' : 's'} before the first record skipped)` : ''}`);
  }
  const kinds = sink.kinds;
  const kindNames = Object.keys(kinds) as ExportKind[];
  let kind: string;
  if (sink.manifests > 0 && kindNames.length === 0) {
    kind = 'manifest';
  } else if (kindNames.length === 0) {
    const named = kindFromFileName(input.path);
    const emptyFile = sink.documents === 0 || sink.onlyEmptyDocuments;
    if (!named) {
      throw fail(
        'export/empty',
        emptyFile ? 'empty export, and its file name names no kind, so casguard cannot tell what it is' : 'the JSON holds no records, and its file name names no kind',
        {},
        `a cmdlet that returns nothing writes an empty file: name it after the cmdlet (e.g. ClientAccessRule.json), or export with ConvertTo-Json -InputObject @(...) so that [] is written`,
      );
    }
    kind = named;
    kinds[named] = 0;
    warnings.add(`no records: taken as an empty ${KIND_CMDLETS[named]} export because of the file name (the cmdlet returned nothing)`);
  } else {
    kind = kindNames.length === 1 ? (kindNames[0] as string) : 'bundle';
  }
  if (kinds.CASMailbox === 1000) warnings.add(RESULT_SIZE_WARNING);
  for (const w of sink.fileWarnings()) warnings.add(w);

  return {
    path: input.path,
    kind,
    count: kind === 'manifest' ? sink.manifests : sink.records,
    kinds,
    encoding: decoder.effectiveEncoding,
    format,
    flavour: format === 'json' ? detectFlavour(headText) : 'unknown',
    bytes,
    sha256: hash.digest('hex'),
    warnings: warnings.list(),
    ...sink.manifest,
  };
}
