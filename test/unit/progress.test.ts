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

  it('never writes when stderr is not a terminal', () => {
    vi.useFakeTimers({ now: 0 });
    const { writes, stream } = fakeStream(false);
    const progress = new ProgressLine(stream);
    vi.setSystemTime(5000);
    progress.update('cas.json', 1, 1);
    progress.clear();
    expect(writes).toEqual([]);
  });
});
