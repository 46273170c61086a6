// A scan worker: reads one segment of a large mailbox export (a run of whole elements of its top-level
// array), normalises and evaluates every mailbox in it, and posts the partial evaluation back. Anything
// unusual (another kind, a warning, an error, a segment edge that is not an element's start) is posted
// as a fallback: the main thread then reads the whole file itself, so errors and warnings are exactly
// those of a sequential read.

import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { Evaluator } from '../engine/evaluate.js';
import { identityKey } from '../normalize/kinds/common.js';
import { identityDigest } from './identity-set.js';
import { transferables, type PartialEvaluation } from '../engine/partial-evaluation.js';
import { FileWarnings } from '../ingest/file-warnings.js';
import { JsonSplitter, type SplitterSink } from '../ingest/json-splitter.js';
import { RecordSink } from '../ingest/record-sink.js';
import { ChunkDecoder, type TextEncodingName } from '../ingest/text-decoder.js';
import { CHUNK_BYTES } from '../io/read-file.js';
import type { ResolvedPacks } from '../rulepack/types.js';

export interface SegmentJob {
  path: string;
  encoding: TextEncodingName;
  /** Byte where the segment starts (the first segment: just after the BOM, at the array's `[`). */
  start: number;
  /** Byte where the next segment starts; -1 for the last segment, read to the end of the file. */
  end: number;
  first: boolean;
  packs: ResolvedPacks;
  now: string;
  allFindings: boolean;
}

/** Sent now and then while reading: bytes and records since the last message. */
export interface SegmentProgress {
  progress: number;
  records: number;
}

export type SegmentResult =
  | { ok: true; part: PartialEvaluation; records: number; digests: Uint32Array; chars: number }
  | { ok: false; reason: string };

const PROGRESS_BYTES = 16 << 20;

class Fallback extends Error {}
/** Thrown out of the splitter once the next segment's first element is reached. */
class Reached extends Error {}

async function runSegment(job: SegmentJob): Promise<SegmentResult> {
  const evaluator = new Evaluator(job.packs, job.now, job.allFindings);
  // The identities as the registry keeps them (128-bit digests): the main thread checks them for duplicates.
  let digests = new Uint32Array(4 * 4096);
  let records = 0;
  const warnings = new FileWarnings();
  const sink = new RecordSink(job.path, warnings, {
    record(record) {
      if (record.kind !== 'CASMailbox') throw new Fallback(`a ${record.kind} record`);
      if (records * 4 === digests.length) {
        const grown = new Uint32Array(digests.length * 2);
        grown.set(digests);
        digests = grown;
      }
      digests.set(identityDigest(identityKey(record.identity)), records * 4);
      records++;
      evaluator.record(record);
    },
  });
  // Later segments start inside the array: a `[` put before them makes their elements a document again.
  const prefix = job.first ? 0 : 1;
  /** Characters of the segment itself (before `end`), once known. */
  let segmentChars = -1;
  const edge: SplitterSink = {
    startDocument(shape, firstKey) {
      if (shape !== 'array') throw new Fallback(`a top-level ${shape}`);
      sink.startDocument(shape, firstKey);
    },
    value(value, key, index, offset) {
      const local = offset - prefix;
      if (segmentChars >= 0 && local >= segmentChars) {
        if (local !== segmentChars) throw new Fallback('the segment edge is not the start of an element');
        throw new Reached();
      }
      sink.value(value, key, index, local);
    },
    endDocument() {
      if (job.end >= 0) throw new Fallback('the array ended inside a segment');
      sink.endDocument();
    },
    duplicateKey(key, offset) {
      sink.duplicateKey(key, offset - prefix);
    },
  };
  const splitter = new JsonSplitter(edge, () => false);
  const decoder = new ChunkDecoder(job.encoding, 0);
  let fed = 0;
  const feed = (bytes: Buffer) => {
    const text = decoder.decode(bytes);
    fed += text.length;
    splitter.write(text);
  };
  if (prefix) {
    fed += 1;
    splitter.write('[');
  }
  let position = job.start;
  let reported = job.start;
  let reportedRecords = 0;
  try {
    for await (const chunk of createReadStream(job.path, { start: job.start, highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
      if (job.end >= 0 && segmentChars < 0 && position + chunk.length >= job.end) {
        const cut = job.end - position;
        feed(chunk.subarray(0, cut));
        segmentChars = fed - prefix;
        feed(chunk.subarray(cut));
      } else {
        feed(chunk);
      }
      position += chunk.length;
      // Bytes read past the segment's end (to finish its last element) are the next segment's to report.
      const upTo = job.end >= 0 ? Math.min(position, job.end) : position;
      if (upTo - reported >= PROGRESS_BYTES) {
        parentPort?.postMessage({ progress: upTo - reported, records: records - reportedRecords });
        reported = upTo;
        reportedRecords = records;
      }
    }
    if (job.end >= 0) return { ok: false, reason: 'the file ended before the next segment' };
    const tail = decoder.end();
    fed += tail.length;
    splitter.write(tail);
    splitter.end();
    segmentChars = fed - prefix;
  } catch (err) {
    if (!(err instanceof Reached)) return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
  if (decoder.fellBackToWindows1252) return { ok: false, reason: 'not UTF-8' };
  if (warnings.list().length > 0 || sink.fileWarnings().length > 0 || sink.documents !== 1) return { ok: false, reason: 'the segment has warnings' };
  return { ok: true, part: evaluator.partial(), records, digests: digests.slice(0, records * 4), chars: segmentChars };
}

if (parentPort) {
  const port = parentPort;
  runSegment(workerData as SegmentJob).then(
    (result) => port.postMessage(result, result.ok ? [result.digests.buffer as ArrayBuffer, ...transferables(result.part)] : []),
    (err: unknown) => port.postMessage({ ok: false, reason: err instanceof Error ? err.message : String(err) } satisfies SegmentResult),
  );
}
