import { CasguardError } from '../errors.js';
import { MAX_RESULT_BYTES, readSideFile } from './read-side-file.js';
import type { ScanResult } from '../model/result.js';
import schema from '../report/scan-result.schema.json' with { type: 'json' };
import { schemaValidator } from '../schema-validator.js';

const validator = schemaValidator(schema);

/** Reads and checks a saved JSON result (for `render`). */
export function loadResult(path: string): ScanResult {
  const text = readSideFile(path, 'baseline/invalid', 'saved result', MAX_RESULT_BYTES);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new CasguardError('baseline/invalid', `not a casguard JSON result: ${(err as Error).message}`, { location: { file: path } });
  }
  const validate = validator();
  if (!validate(data)) {
    const e = validate.errors?.[0];
    throw new CasguardError('baseline/invalid', `not a casguard JSON result (schemaVersion 1): ${e?.instancePath || '/'} ${e?.message ?? 'is invalid'}`, {
      location: { file: path, pointer: e?.instancePath ?? '' },
      hint: 'render takes the results.json written by `casguard scan --json` (or -f json) of this version',
    });
  }
  return data as unknown as ScanResult;
}
