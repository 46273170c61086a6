import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CasguardError } from '../errors.js';

/**
 * Writes a file atomically: to a temporary file beside it, then renamed over the target, so a failure
 * never leaves a half-written report.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temp = join(dirname(path), `.${path.split(/[\\/]/).pop()}.${process.pid}.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, content, 'utf8');
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => {});
    const e = err as NodeJS.ErrnoException;
    throw new CasguardError('output/unwritable', `cannot write: ${e.code === 'EACCES' ? 'permission denied' : e.message}`, { location: { file: path }, cause: err });
  }
}
