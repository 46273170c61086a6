import { CasguardError } from '../errors.js';
import type { ExportSource } from '../app/ingest-inputs.js';
import { expandInputs, locateCharOffset, readChunks } from './read-file.js';
import { SpillFile } from './spill-file.js';

/** The real file system as an ExportSource. */
export const fileExportSource: ExportSource = {
  expand: (inputs) => expandInputs(inputs),
  readChunks,
  textStore: () => new SpillFile(),
  async locate(err) {
    if (err.location?.charOffset === undefined) return err;
    const location = await locateCharOffset(err.location);
    const located = new CasguardError(err.code, err.message, { hint: err.hint, location, cause: err.cause, exitCode: err.exitCode });
    located.stack = err.stack;
    return located;
  },
};
