import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProgressLine } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 60, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream };
}

describe('ProgressLine', () => {
  afterEach(() => vi.useRealTimers());

  it('stays silent for the first second, then shows bytes and records, then clears', () => {
    vi.useFakeTimers({ now: 0 });
    const { writes, stream } = fakeStream(true);
    const progress = new ProgressLine(stream);
    progress.update('cas.json', 5 * 1048576, 1000);
    expect(writes).toEqual([]);
    vi.setSystemTime(1500);
    progress.update('cas.json', 50 * 1048576, 12345);
    expect(writes).toEqual(['\rreading cas.json: 50.0 MB, 12,345 records\u001b[K']);
    progress.clear();
    expect(writes.at(-1)).toBe('\r\u001b[K');
  });

  it('off a terminal (CI logs): nothing for short runs, then a plain line every five seconds, never a control sequence', () => {
    vi.useFakeTimers({ now: 0 });
    const { writes, stream } = fakeStream(false);
    const progress = new ProgressLine(stream);
    vi.setSystemTime(4000);
    progress.update('cas.json', 1, 1);
    expect(writes).toEqual([]);
    vi.setSystemTime(5000);
    progress.update('cas.json', 1048576, 10);
    vi.setSystemTime(7000);
    progress.update('cas.json', 2 * 1048576, 20);
    vi.setSystemTime(10_500);
    progress.update('cas.json', 3 * 1048576, 30);
    progress.clear();
    expect(writes).toEqual(['reading cas.json: 1.0 MB, 10 records [5 s]\n', 'reading cas.json: 3.0 MB, 30 records [11 s]\n']);
  });
});
