import { statSync } from 'node:fs';
import { outputPrefs } from './output-prefs.js';

/**
 * Progress of a long run on stderr, never in reports: the phase, the file and how much of it is read.
 * On a terminal, one line redrawn in place once the run has taken a second; elsewhere (CI logs), one
 * line every few seconds for runs longer than that. Nothing with --quiet.
 */
export class ProgressLine {
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;
  private phaseName = 'reading';
  private readonly sizes = new Map<string, number | undefined>();
  private last = '';

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly plainEveryMs = 5000,
  ) {}

  private size(path: string): number | undefined {
    if (!this.sizes.has(path)) {
      let size: number | undefined;
      try {
        size = statSync(path).size;
      } catch {
        size = undefined;
      }
      this.sizes.set(path, size);
    }
    return this.sizes.get(path);
  }

  update(path: string, bytes: number, records: number): void {
    const size = this.size(path);
    const mb = (n: number) => (n / 1048576).toFixed(1);
    const amount = size ? `${Math.min(100, Math.floor((bytes / size) * 100))}% (${mb(bytes)} of ${mb(size)} MB)` : `${mb(bytes)} MB`;
    this.show(`${this.phaseName} ${path}: ${amount}, ${records.toLocaleString('en-US')} records`);
  }

  /** A new phase (evaluating, writing reports): shown at once where progress is shown. */
  phase(name: string): void {
    this.phaseName = name;
    this.show(`${name} …`, true);
  }

  private show(line: string, force = false): void {
    if (outputPrefs().quiet) return;
    const now = Date.now();
    const elapsed = now - this.started;
    if (this.stream.isTTY) {
      if (elapsed < 1000 || (!force && now - this.lastDraw < 100)) return;
      this.lastDraw = now;
      this.drawn = true;
      const width = this.stream.columns || 80;
      this.stream.write(`\r${line.length >= width ? `…${line.slice(line.length - width + 2)}` : line}\u001b[K`);
      return;
    }
    if (elapsed < this.plainEveryMs || now - this.lastDraw < this.plainEveryMs || line === this.last) return;
    this.lastDraw = now;
    this.last = line;
    this.stream.write(`${line} [${Math.round(elapsed / 1000)} s]\n`);
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\u001b[K');
    this.drawn = false;
  }
}
