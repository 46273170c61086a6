import { ingestExport } from '../../src/ingest/ingest-export.js';
import type { CanonicalRecord, InputSummary } from '../../src/model/records.js';

/** The bytes of `text` in chunks of `size`, as a file stream would deliver them. */
export async function* chunked(bytes: Buffer, size = 1 << 20): AsyncIterable<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** Ingests in-memory bytes as if they were the file `path`, collecting every record. */
export async function ingestBytes(path: string, bytes: Buffer | string, chunkSize?: number): Promise<{ summary: InputSummary; records: CanonicalRecord[] }> {
  const records: CanonicalRecord[] = [];
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const summary = await ingestExport({ path, chunks: chunked(buffer, chunkSize) }, { record: (r) => records.push(r) });
  return { summary, records };
}

/** The CasguardError (or other error) an ingest throws, for assertions. */
export async function ingestError(path: string, bytes: Buffer | string): Promise<{ code?: string; message: string; location?: Record<string, unknown>; hint?: string }> {
  try {
    await ingestBytes(path, bytes);
  } catch (err) {
    return err as { code?: string; message: string };
  }
  throw new Error(`expected ${path} to be refused`);
}
