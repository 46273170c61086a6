import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { CasguardError, type ErrorCode } from '../errors.js';

/** Packs, casguard.yml and waivers are hand-written: a few hundred KB at most. */
export const MAX_SETTINGS_BYTES = 4 * 1024 * 1024;
/** A saved results.json of a million-mailbox scan; past this, a string cannot hold it anyway. */
export const MAX_RESULT_BYTES = 480 * 1024 * 1024;

/**
 * Reads a side file (pack, config, waivers, saved result) as text: a regular file only (a FIFO or
 * /dev/zero would block or never end), at most `maxBytes`, in UTF-8 or — as Windows PowerShell's `>`
 * writes — UTF-16 with a BOM.
 */
export function readSideFile(path: string, code: ErrorCode, what: string, maxBytes: number): string {
  let fd: number | undefined;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer before we can see it is not a file.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new CasguardError(code, `${what} is not a regular file`, { location: { file: path } });
    if (stat.size > maxBytes) throw new CasguardError(code, `${what} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB (${stat.size} bytes)`, { location: { file: path } });
    const bytes = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, bytes, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return decode(bytes.subarray(0, read), path, code, what);
  } catch (err) {
    if (err instanceof CasguardError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new CasguardError(code, e.code === 'ENOENT' ? `${what} not found` : e.code === 'EISDIR' ? `${what} is a folder, not a file` : `cannot read ${what}: ${e.message}`, { location: { file: path }, cause: err });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function decode(bytes: Buffer, path: string, code: ErrorCode, what: string): string {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes);
  } catch {
    throw new CasguardError(code, `${what} is not UTF-8 or UTF-16 text`, { location: { file: path } });
  }
}
