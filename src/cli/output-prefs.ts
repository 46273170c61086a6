// How a run talks to the terminal, from the global flags: -q/--quiet silences notices (warnings, "wrote",
// progress, the config used) but never errors; --color/--no-color override FORCE_COLOR, NO_COLOR and
// the TTY check, in that order.

export interface OutputPrefs {
  quiet: boolean;
  /** Set by --color / --no-color; undefined leaves it to the environment. */
  colour?: boolean;
}

let prefs: OutputPrefs = { quiet: false };

export function setOutputPrefs(next: OutputPrefs): void {
  prefs = next;
}

export function outputPrefs(): Readonly<OutputPrefs> {
  return prefs;
}

/** A notice on stderr (a warning, a file written, the config used), unless --quiet. */
export function notice(line: string): void {
  if (!prefs.quiet) process.stderr.write(`${line}\n`);
}

/** Whether terminal output may use colour: --color/--no-color, else FORCE_COLOR, else NO_COLOR, else a TTY. */
export function useColour(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (prefs.colour !== undefined) return prefs.colour;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if ('NO_COLOR' in env && env.NO_COLOR !== '') return false;
  return Boolean(stream.isTTY);
}
