// The temporary file drift keeps its baseline mailboxes' texts in: every text comes back exactly, from
// the write buffer or from disk, and nothing is left behind.
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { SpillFile } from '../../src/io/spill-file.js';
import { MemoryTextStore } from '../../src/model/text-store.js';

const spillDirs = () => new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('casguard-')));

describe('SpillFile', () => {
  it('gives back every text, before and after it reaches the disk, multi-byte characters included', () => {
    const store = new SpillFile();
    const texts: string[] = [];
    // ~9 MB: past two flushes of the 4 MB buffer, with texts straddling each boundary.
    for (let i = 0; i < 30_000; i++) texts.push(`mailbox ${i} ✓ Zoë 日本 ${'x'.repeat(i % 600)}\u0000\u0001`);
    texts.push('y'.repeat(5 << 20)); // larger than the buffer: written directly
    texts.push('');
    texts.push('last, still in the buffer');
    const handles = texts.map((t) => store.put(t));
    expect(handles).toEqual(texts.map((_, i) => i));
    for (const i of [0, 1, 7000, 14_999, 29_999, 30_000, 30_001, 30_002]) expect(store.get(handles[i] as number)).toBe(texts[i]);
    for (let i = 0; i < texts.length; i += 997) expect(store.get(i)).toBe(texts[i]);
    expect(() => store.get(texts.length)).toThrow(RangeError);
    store.close();
  });

  it('leaves no file behind once closed, and closing twice is harmless', () => {
    const before = spillDirs();
    const store = new SpillFile();
    store.put('secret-ish');
    const created = [...spillDirs()].filter((d) => !before.has(d));
    expect(created).toHaveLength(1);
    store.close();
    store.close();
    expect(existsSync(`${tmpdir()}/${created[0]}`)).toBe(false);
  });
});

describe('MemoryTextStore', () => {
  it('keeps texts by handle and refuses an unknown one', () => {
    const store = new MemoryTextStore();
    expect(store.get(store.put('a'))).toBe('a');
    expect(store.get(store.put(''))).toBe('');
    expect(() => store.get(5)).toThrow(RangeError);
  });
});
