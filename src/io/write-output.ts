import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CasguardError } from '../errors.js';

function writeError(err: unknown, path: string): CasguardError {
  if (err instanceof CasguardError) return err;
  const e = err as NodeJS.ErrnoException;
  const reason =
    e.code === 'EACCES' || e.code === 'EPERM'
      ? 'permission denied'
      : e.code === 'EEXIST' || e.code === 'ENOTDIR'
        ? 'a file stands where a folder of the path should be'
        : e.code === 'ENOSPC'
          ? 'no space left on the device'
          : e.message;
  return new CasguardError('output/unwritable', `cannot write: ${reason}`, { location: { file: path }, cause: err });
}

/**
 * Writes content to a new temporary file beside `path` (random name, created exclusively, so a planted
 * file or symbolic link is never written through) and returns its name; the caller renames it into place.
 */
async function writeTemp(path: string, content: string | Iterable<string>): Promise<string> {
  const temp = join(dirname(path), `.${path.split(/[\\/]/).pop()}.${randomBytes(8).toString('hex')}.tmp`);
  try {
    const out = createWriteStream(temp, { encoding: 'utf8', flags: 'wx', mode: 0o644 });
    const failed = once(out, 'error').then(([err]) => Promise.reject(err as Error));
    failed.catch(() => {});
    await Promise.race([once(out, 'open'), failed]);
    await Promise.race([writeChunks(out, typeof content === 'string' ? [content] : content), failed]);
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
    return temp;
  } catch (err) {
    await rm(temp, { force: true }).catch(() => {});
    throw writeError(err, path);
  }
}

/**
 * Writes a set of files together: each to a temporary file first, then — only when all are written —
 * renamed into place (a rename replaces a symbolic link at the final path, it never writes through it).
 * A lock file in each folder keeps two runs writing into the same folder from mixing their files.
 */
export async function writeFilesAtomic(files: readonly { path: string; content: string | Iterable<string> }[]): Promise<void> {
  const folders = [...new Set(files.map((f) => dirname(f.path)))];
  const locks: string[] = [];
  const temps: string[] = [];
  try {
    for (const folder of folders) {
      await mkdir(folder, { recursive: true }).catch((err: unknown) => Promise.reject(writeError(err, folder)));
      const lock = join(folder, '.casguard-writing.lock');
      const handle = await open(lock, 'wx').catch((err: NodeJS.ErrnoException) =>
        Promise.reject(
          err.code === 'EEXIST'
            ? new CasguardError('output/unwritable', 'another casguard run is writing into this folder', { location: { file: folder }, hint: `if none is, remove ${lock}` })
            : writeError(err, folder),
        ),
      );
      await handle.close();
      locks.push(lock);
    }
    // A folder where a report goes would fail its rename after others were renamed: refuse before writing.
    for (const f of files) {
      if (await stat(f.path).then((x) => x.isDirectory(), () => false)) throw new CasguardError('output/unwritable', 'cannot write: a folder stands where the report goes', { location: { file: f.path } });
    }
    for (const f of files) temps.push(await writeTemp(f.path, f.content));
    for (let i = 0; i < files.length; i++) {
      const path = (files[i] as { path: string }).path;
      await rename(temps[i] as string, path).catch((err: unknown) => Promise.reject(writeError(err, path)));
    }
    temps.length = 0;
  } finally {
    for (const t of temps) await rm(t, { force: true }).catch(() => {});
    for (const l of locks) await rm(l, { force: true }).catch(() => {});
  }
}

/** Writes one file atomically (see writeFilesAtomic). */
export async function writeFileAtomic(path: string, content: string | Iterable<string>): Promise<void> {
  await writeFilesAtomic([{ path, content }]);
}

/** Writes chunks to a stream, waiting whenever it asks to (so memory stays bounded). */
export async function writeChunks(out: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
}
