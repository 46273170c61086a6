import { createReadStream } from 'node:fs';

/**
 * The lines of a text file (UTF-8), streamed a chunk at a time and numbered from 1. Lines are cut from the bytes and each
 * decoded on its own: a string sliced from a large decoded chunk would keep the whole chunk alive for as
 * long as any part of it (a client address, a time) is remembered. The file's chunks are iterated, so
 * reading waits for the consumer.
 */
export async function* readLogLines(path: string): AsyncGenerator<{ text: string; n: number }[]> {
  let rest: Buffer | undefined;
  let n = 0;
  const decode = (buf: Buffer, start: number, end: number) => {
    const e = end > start && buf[end - 1] === 13 ? end - 1 : end;
    const s = n === 0 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf ? start + 3 : start;
    return buf.toString('utf8', s, e);
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buf = rest ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    const lines: { text: string; n: number }[] = [];
    let start = 0;
    for (let nl = buf.indexOf(10); nl >= 0; nl = buf.indexOf(10, start)) {
      const text = decode(buf, start, nl);
      lines.push({ text, n: ++n });
      start = nl + 1;
    }
    rest = start < buf.length ? buf.subarray(start) : undefined;
    // A chunk's lines at once: an await per line would cost more than reading it.
    if (lines.length) yield lines;
  }
  if (rest?.length) {
    const text = decode(rest, 0, rest.length);
    yield [{ text, n: ++n }];
  }
}
