// Texts kept on disk instead of the heap: drift writes every baseline mailbox's compared properties
// here as it streams past and reads back only the few that changed, so neither side is held in memory
// nor read twice.

import { closeSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TextStore } from '../model/text-store.js';

const BUFFER_BYTES = 4 << 20;

/** A TextStore in a temporary file that is gone once closed (at once on POSIX, where it is unlinked while open). */
export class SpillFile implements TextStore {
  private readonly dir: string;
  private readonly path: string;
  private fd: number;
  private readonly pending = Buffer.allocUnsafe(BUFFER_BYTES);
  private pendingBytes = 0;
  /** Bytes already in the file (the pending buffer starts there). */
  private flushed = 0;
  private offsets = new Float64Array(1024);
  private lengths = new Uint32Array(1024);
  private count = 0;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'casguard-'));
    this.path = join(this.dir, 'spill');
    this.fd = openSync(this.path, 'w+', 0o600);
    try {
      unlinkSync(this.path);
    } catch {
      // Windows keeps an open file: close() removes it.
    }
  }

  put(text: string): number {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (this.pendingBytes + bytes > BUFFER_BYTES) this.flush();
    const offset = this.flushed + this.pendingBytes;
    if (bytes > BUFFER_BYTES) {
      writeSync(this.fd, Buffer.from(text, 'utf8'), 0, bytes, offset);
      this.flushed += bytes;
    } else {
      this.pending.write(text, this.pendingBytes, 'utf8');
      this.pendingBytes += bytes;
    }
    if (this.count === this.offsets.length) {
      const offsets = new Float64Array(this.count * 2);
      offsets.set(this.offsets);
      this.offsets = offsets;
      const lengths = new Uint32Array(this.count * 2);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    this.offsets[this.count] = offset;
    this.lengths[this.count] = bytes;
    return this.count++;
  }

  get(handle: number): string {
    if (handle < 0 || handle >= this.count) throw new RangeError(`no text ${handle} in the spill file`);
    const offset = this.offsets[handle] as number;
    const length = this.lengths[handle] as number;
    if (offset >= this.flushed) return this.pending.toString('utf8', offset - this.flushed, offset - this.flushed + length);
    const buf = Buffer.allocUnsafe(length);
    let read = 0;
    while (read < length) {
      const n = readSync(this.fd, buf, read, length - read, offset + read);
      if (n === 0) throw new Error(`spill file ended early at byte ${offset + read}`);
      read += n;
    }
    return buf.toString('utf8');
  }

  private flush(): void {
    let written = 0;
    while (written < this.pendingBytes) written += writeSync(this.fd, this.pending, written, this.pendingBytes - written, this.flushed + written);
    this.flushed += this.pendingBytes;
    this.pendingBytes = 0;
  }

  close(): void {
    if (this.fd < 0) return;
    closeSync(this.fd);
    this.fd = -1;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
