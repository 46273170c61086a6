import { ingestInputs, type ExportSource, type InputFailure, type ProgressListener } from './ingest-inputs.js';
import type { InputSummary } from '../model/records.js';

/** What `casguard inspect` found: a summary per readable file and the files that could not be read. */
export interface InspectResult {
  summaries: InputSummary[];
  failures: InputFailure[];
  /** Every path in command-line order, readable or not. */
  order: string[];
}

/** `casguard inspect`: what each input file is, without evaluating anything; goes on past bad files. */
export async function runInspect(inputs: readonly string[], source: ExportSource, onProgress?: ProgressListener): Promise<InspectResult> {
  return ingestInputs(inputs, source, () => {}, { onProgress, keepGoing: true });
}
