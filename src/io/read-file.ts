import { createReadStream } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { CasguardError, type ErrorLocation } from '../errors.js';
import { ChunkDecoder, sniffEncoding } from '../ingest/text-decoder.js';

export const CHUNK_BYTES = 1 << 20;

/** The bytes of a file in 1 MB chunks. */
export function readChunks(path: string): AsyncIterable<Buffer> {
  return createReadStream(path, { highWaterMark: CHUNK_BYTES });
}

function fsError(err: unknown, path: string): CasguardError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new CasguardError('export/not-found', 'no such file or directory', { location: { file: path } });
  const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (err as Error).message;
  return new CasguardError('export/unreadable', `cannot read: ${reason}`, { location: { file: path }, cause: err });
}

/** Whether a file name looks like an export: JSON (`.json`), CliXml (`.xml`, `.clixml`) or text (`.txt`). */
export function isExportFileName(name: string): boolean {
  return /\.(json|xml|clixml|txt)$/i.test(name) && !name.startsWith('.');
}

/** Whether a file name looks like a protocol log: `.log` (Exchange writes POP3…-1.LOG) or `.txt`. */
export function isLogFileName(name: string): boolean {
  return /\.(log|txt)$/i.test(name) && !name.startsWith('.');
}

/**
 * Expands the command line's files and directories (recursively, sorted) into the list of files to read.
 * Paths are reported relative to the working directory when they lie under it, as the user would type them.
 */
export async function expandInputs(inputs: readonly string[], cwd = process.cwd(), accept: (name: string) => boolean = isExportFileName, what = 'export files (*.json, *.xml or *.txt)'): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const full = resolve(cwd, input);
    let info;
    try {
      info = await stat(full);
    } catch (err) {
      throw fsError(err, input);
    }
    if (info.isDirectory()) {
      const found: string[] = [];
      await walk(full, found, input, new Set([await realpath(full)]), accept);
      if (found.length === 0) {
        throw new CasguardError('export/no-exports', `directory holds no ${what}`, {
          location: { file: input },
          hint: 'point casguard at the folder Export-CasGuardData.ps1 wrote, or at the JSON files themselves',
        });
      }
      files.push(...found.sort());
    } else if (info.isFile()) {
      files.push(full);
    } else {
      // A FIFO or device would block or never end.
      throw new CasguardError('export/unreadable', 'not a regular file (a pipe, socket or device cannot be an export)', { location: { file: input } });
    }
  }
  const seen = new Set<string>();
  return files.filter((f) => (seen.has(f) ? false : (seen.add(f), true))).map((f) => displayPath(f, cwd));
}

/**
 * Collects export files below `dir`. Symbolic links are followed (an export behind a link is read, not
 * skipped); `visited` holds the real paths of the folders being walked, so a link loop is walked once.
 */
async function walk(dir: string, out: string[], shownAs: string, visited: Set<string>, accept: (name: string) => boolean): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw fsError(err, shownAs);
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await stat(path).catch(() => undefined);
      if (!target) throw new CasguardError('export/not-found', 'a symbolic link in the folder points at nothing', { location: { file: path } });
      isDir = target.isDirectory();
      isFile = target.isFile();
    }
    if (isDir) {
      const real = await realpath(path);
      if (visited.has(real)) continue;
      visited.add(real);
      await walk(path, out, path, visited, accept);
    } else if (isFile && accept(entry.name)) {
      out.push(path);
    }
  }
}

function displayPath(full: string, cwd: string): string {
  const rel = relative(cwd, full);
  return rel && !rel.startsWith('..') ? rel : full;
}

/** Turns a character offset of a file's decoded text into line and column (error path only: re-reads the file). */
export async function locateCharOffset(location: ErrorLocation): Promise<ErrorLocation> {
  if (location.charOffset === undefined) return location;
  const at = (await lineColumns(location.file, [location.charOffset])).get(location.charOffset);
  return at ? { ...location, ...at } : location;
}

/**
 * The 1-based line and column of each character offset of a file's decoded text, in one streaming pass
 * (the same decoding as ingest). Offsets the file does not reach, or a file that cannot be read, are left out.
 */
export async function lineColumns(path: string, offsets: readonly number[]): Promise<Map<number, { line: number; column: number }>> {
  const wanted = [...new Set(offsets)].sort((a, b) => a - b);
  const out = new Map<number, { line: number; column: number }>();
  let decoder: ChunkDecoder | undefined;
  let seen = 0;
  let line = 1;
  let lineStart = 0;
  let next = 0;
  try {
    for await (const chunk of readChunks(path)) {
      if (next >= wanted.length) break;
      let bytes = chunk as Buffer;
      if (!decoder) {
        const { encoding, bomLength } = sniffEncoding(bytes);
        decoder = new ChunkDecoder(encoding, bomLength);
        bytes = bytes.subarray(bomLength);
      }
      const text = decoder.decode(bytes);
      let from = 0;
      while (next < wanted.length && (wanted[next] as number) < seen + text.length) {
        const target = (wanted[next] as number) - seen;
        for (let i = text.indexOf('\n', from); i >= 0 && i < target; i = text.indexOf('\n', i + 1)) {
          line++;
          lineStart = seen + i + 1;
          from = i + 1;
        }
        out.set(wanted[next] as number, { line, column: (wanted[next] as number) - lineStart + 1 });
        next++;
      }
      for (let i = text.indexOf('\n', from); i >= 0; i = text.indexOf('\n', i + 1)) {
        line++;
        lineStart = seen + i + 1;
      }
      seen += text.length;
    }
  } catch {
    return out;
  }
  // An offset at the very end of the text (a file cut off after its last character).
  for (; next < wanted.length && (wanted[next] as number) <= seen; next++) out.set(wanted[next] as number, { line, column: (wanted[next] as number) - lineStart + 1 });
  return out;
}
