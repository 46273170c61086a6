/** Texts put away by number and read back later (drift's baseline mailboxes); a file in production. */
export interface TextStore {
  /** Keeps a text; returns its handle. */
  put(text: string): number;
  get(handle: number): string;
  /** Frees what the store holds (removes its file). */
  close(): void;
}

/** A TextStore on the heap, for small inputs and tests. */
export class MemoryTextStore implements TextStore {
  private readonly texts: string[] = [];
  put(text: string): number {
    return this.texts.push(text) - 1;
  }
  get(handle: number): string {
    const text = this.texts[handle];
    if (text === undefined) throw new RangeError(`no text ${handle}`);
    return text;
  }
  close(): void {
    this.texts.length = 0;
  }
}
