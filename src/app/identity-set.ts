import { hashBytes } from '../report/hash-text.js';

/**
 * A set of strings stored as 128-bit digests (the first half of their SHA-256) in typed arrays, about 20
 * bytes per entry instead of ~100 for a Map of strings, so checking a million mailbox identities for
 * duplicates keeps memory flat. The digest is collision-resistant: two different identities cannot be
 * made to look like one (a 64-bit non-cryptographic hash could be, in seconds).
 */
export class IdentitySet {
  private words = new Uint32Array(4 * 1024);
  private tag = new Uint32Array(1024);
  private used = new Uint8Array(1024);
  private count = 0;

  /** Adds `key` with a small number attached; returns the number stored earlier if `key` was already present. */
  add(key: string, value: number): number | undefined {
    return this.addDigest(identityDigest(key), value);
  }

  /** Whether a digested key is present. */
  hasDigest(d: Uint32Array): boolean {
    const mask = this.used.length - 1;
    const w = this.words;
    for (let i = (d[0] as number) & mask; this.used[i]; i = (i + 1) & mask) {
      if (w[i * 4] === d[0] && w[i * 4 + 1] === d[1] && w[i * 4 + 2] === d[2] && w[i * 4 + 3] === d[3]) return true;
    }
    return false;
  }

  /** `add` for a key already digested (identityDigest), e.g. by a scan worker. */
  addDigest(d: Uint32Array, value: number): number | undefined {
    if ((this.count + 1) * 2 > this.used.length) this.grow();
    const mask = this.used.length - 1;
    for (let i = (d[0] as number) & mask; ; i = (i + 1) & mask) {
      if (!this.used[i]) {
        this.used[i] = 1;
        this.words.set(d, i * 4);
        this.tag[i] = value;
        this.count++;
        return undefined;
      }
      const w = this.words;
      if (w[i * 4] === d[0] && w[i * 4 + 1] === d[1] && w[i * 4 + 2] === d[2] && w[i * 4 + 3] === d[3]) return this.tag[i];
    }
  }

  private grow(): void {
    const { words, tag, used } = this;
    const size = used.length * 2;
    this.words = new Uint32Array(4 * size);
    this.tag = new Uint32Array(size);
    this.used = new Uint8Array(size);
    const mask = size - 1;
    for (let j = 0; j < used.length; j++) {
      if (!used[j]) continue;
      let i = (words[j * 4] as number) & mask;
      while (this.used[i]) i = (i + 1) & mask;
      this.used[i] = 1;
      this.words.set(words.subarray(j * 4, j * 4 + 4), i * 4);
      this.tag[i] = tag[j] as number;
    }
  }
}

/** The 128-bit digest a key is stored as. */
export function identityDigest(s: string): Uint32Array {
  const b = hashBytes('sha256', s);
  return new Uint32Array([b.readUInt32LE(0), b.readUInt32LE(4), b.readUInt32LE(8), b.readUInt32LE(12)]);
}
