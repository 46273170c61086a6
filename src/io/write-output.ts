import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CasguardError } from '../errors.js';

/**
 * Writes a file atomically: to a temporary file beside it, then renamed over the target, so a failure
 * never leaves a half-written report.
 */
export async function writeFileAtomic(path: string, content: string | Iterable<string>): Promise<void> {
  const temp = join(dirname(path), `.${path.split(/[\\/]/).pop()}.${process.pid}.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
    const out = createWriteStream(temp, { encoding: 'utf8' });
    const failed = once(out, 'error').then(([err]) => Promise.reject(err as Error));
    failed.catch(() => {});
    await Promise.race([writeChunks(out, typeof content === 'string' ? [content] : content), failed]);
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => {});
    const e = err as NodeJS.ErrnoException;
    const reason = e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : e.code === 'EEXIST' || e.code === 'ENOTDIR' ? 'a file stands where a folder of the path should be' : e.message;
    throw new CasguardError('output/unwritable', `cannot write: ${reason}`, { location: { file: path }, cause: err });
  }
}

/** Writes chunks to a stream, waiting whenever it asks to (so memory stays bounded). */
export async function writeChunks(out: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
}
