/** Live "bytes and records" progress on stderr: only on a TTY, only once reading has taken over a second. */
export class ProgressLine {
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  update(path: string, bytes: number, records: number): void {
    if (!this.stream.isTTY) return;
    const now = Date.now();
    if (now - this.started < 1000 || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.drawn = true;
    const mb = (bytes / 1048576).toFixed(1);
    const line = `reading ${path}: ${mb} MB, ${records.toLocaleString('en-US')} records`;
    const width = this.stream.columns || 80;
    this.stream.write(`\r${line.length >= width ? `…${line.slice(line.length - width + 2)}` : line}\u001b[K`);
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\u001b[K');
    this.drawn = false;
  }
}
