import { CasguardError } from '../errors.js';
import { ingestExport } from '../ingest/ingest-export.js';
import type { CanonicalRecord, InputSummary } from '../model/records.js';
import type { TextStore } from '../model/text-store.js';
import { IdentityRegistry } from './identity-registry.js';

/** The file-system side the use-cases need (src/io implements it; tests may fake it). */
export interface ExportSource {
  expand(inputs: readonly string[]): Promise<string[]>;
  readChunks(path: string): AsyncIterable<Buffer>;
  /** Adds line:column to an error location that only has a character offset. */
  locate<T extends CasguardError>(err: T): Promise<CasguardError>;
  /** Somewhere to put texts that must not stay on the heap (a temporary file); memory when absent. */
  textStore?(): TextStore;
}

/** Progress of the whole read, for the command to show. */
export type ProgressListener = (path: string, bytes: number, records: number) => void;

/** One file that could not be read, when reading goes on past errors. */
export interface InputFailure {
  path: string;
  error: CasguardError;
}

/**
 * Reads every input (files and directories), checking identities across all of them, and hands each
 * canonical record to `onRecord`. By default it stops at the first unusable file with an error naming it;
 * with `keepGoing` it records the failure and reads the other files.
 */
export async function ingestInputs(
  inputs: readonly string[],
  source: ExportSource,
  onRecord: (record: CanonicalRecord) => void,
  options: {
    onProgress?: ProgressListener;
    keepGoing?: boolean;
    /** Reads a file by other means when it can (scan's worker threads); undefined to read it here. */
    readFast?: (path: string, registry: IdentityRegistry) => Promise<InputSummary | undefined>;
  } = {},
): Promise<{ summaries: InputSummary[]; failures: InputFailure[]; order: string[] }> {
  const registry = new IdentityRegistry();
  const summaries: InputSummary[] = [];
  const failures: InputFailure[] = [];
  const onProgress = options.onProgress;
  // Paths in the order the user gave them (directories expanded in place), failures included.
  const order: string[] = [];
  const ordered = new Set<string>();
  const paths: string[] = [];
  for (const input of options.keepGoing ? inputs.map((i) => [i]) : [inputs]) {
    try {
      for (const path of await source.expand(input)) {
        if (!ordered.has(path)) {
          ordered.add(path);
          order.push(path);
        }
        paths.push(path);
      }
    } catch (err) {
      if (!(err instanceof CasguardError) || !options.keepGoing) throw err;
      const path = err.location?.file ?? String(input[0]);
      order.push(path);
      failures.push({ path, error: err });
    }
  }
  for (const path of [...new Set(paths)]) {
    try {
      const fast = await options.readFast?.(path, registry);
      if (fast) {
        summaries.push(fast);
        continue;
      }
      summaries.push(
        await ingestExport(
          { path, chunks: source.readChunks(path) },
          {
            record(record) {
              registry.add(record);
              onRecord(record);
            },
            progress: onProgress && ((bytes, records) => onProgress(path, bytes, records)),
          },
        ),
      );
    } catch (err) {
      const error = await toInputError(err, path, source);
      if (!options.keepGoing) throw error;
      failures.push({ path, error });
    }
  }
  return { summaries, failures, order };
}

async function toInputError(err: unknown, path: string, source: ExportSource): Promise<CasguardError> {
  if (err instanceof CasguardError) return source.locate(err);
  const code = (err as NodeJS.ErrnoException).code;
  if (typeof code === 'string') {
    return new CasguardError(code === 'ENOENT' ? 'export/not-found' : 'export/unreadable', `cannot read: ${(err as Error).message}`, { location: { file: path }, cause: err });
  }
  throw err;
}
