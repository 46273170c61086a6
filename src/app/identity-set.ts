/**
 * A set of strings stored as 64-bit hashes in typed arrays (about 16 bytes per entry instead of ~100 for
 * a Map of strings), so checking a million mailbox identities for duplicates keeps memory flat. Two
 * different identities share a hash with probability about n²/2⁶⁵ (3·10⁻⁸ for a million).
 */
export class IdentitySet {
  private hi = new Uint32Array(1024);
  private lo = new Uint32Array(1024);
  private tag = new Uint32Array(1024);
  private used = new Uint8Array(1024);
  private count = 0;

  /** Adds `key` with a small number attached; returns the number stored earlier if `key` was already present. */
  add(key: string, value: number): number | undefined {
    const [h, l] = hash64(key);
    if ((this.count + 1) * 2 > this.used.length) this.grow();
    const mask = this.used.length - 1;
    for (let i = l & mask; ; i = (i + 1) & mask) {
      if (!this.used[i]) {
        this.used[i] = 1;
        this.hi[i] = h;
        this.lo[i] = l;
        this.tag[i] = value;
        this.count++;
        return undefined;
      }
      if (this.hi[i] === h && this.lo[i] === l) return this.tag[i];
    }
  }

  private grow(): void {
    const { hi, lo, tag, used } = this;
    const size = used.length * 2;
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.tag = new Uint32Array(size);
    this.used = new Uint8Array(size);
    const mask = size - 1;
    for (let j = 0; j < used.length; j++) {
      if (!used[j]) continue;
      let i = (lo[j] as number) & mask;
      while (this.used[i]) i = (i + 1) & mask;
      this.used[i] = 1;
      this.hi[i] = hi[j] as number;
      this.lo[i] = lo[j] as number;
      this.tag[i] = tag[j] as number;
    }
  }
}

/** Two independent 32-bit multiplicative hashes of the string (cyrb53's mixing, kept at 64 bits). */
function hash64(s: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}
