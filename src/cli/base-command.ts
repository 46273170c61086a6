import { Command, Flags } from '@oclif/core';
import { closest, distance } from 'fastest-levenshtein';
import { CasguardError, formatLocation, InputErrors, ProblemsError } from '../errors.js';
import { terminalText } from '../report/terminal-text.js';
import { setOutputPrefs } from './output-prefs.js';

/**
 * Help text written with hard line breaks, as paragraphs oclif can wrap to the terminal: lines of a
 * paragraph are joined; blank lines, indented lines and the exit-code block keep their breaks.
 */
export function paragraphs(text: string): string {
  return text.replace(/([^\n])\n(?=[^\s\n])/g, (m, before: string, offset: number, all: string) => {
    const lineStart = all.lastIndexOf('\n', offset) + 1;
    return /^(\s|EXIT CODES)/.test(all.slice(lineStart)) ? m : `${before} `;
  });
}

/**
 * The exit-code block of a command's help (DESIGN §1): what 0, 1 (when the command has it) and 2 mean
 * for this command; 3 is the same everywhere.
 */
export function exitCodesHelp(codes: { ok: string; gate?: string; bad: string }): string {
  return ['EXIT CODES', `  0  ${codes.ok}`, ...(codes.gate ? [`  1  ${codes.gate}`] : []), `  2  ${codes.bad}`, '  3  internal error (a bug in casguard: please report it with --verbose output)'].join('\n');
}

/** Error → exit code and one-line message (JSON under --json); stack traces only with --verbose. */
export abstract class BaseCommand extends Command {
  static override baseFlags = {
    verbose: Flags.boolean({ description: 'Show stack traces of errors.', helpGroup: 'GLOBAL' }),
    quiet: Flags.boolean({ char: 'q', description: 'Print no warnings, progress or "wrote" lines: only results and errors.', helpGroup: 'GLOBAL' }),
    color: Flags.boolean({ description: 'Colour terminal output (--no-color: never); default: a terminal, unless NO_COLOR is set or FORCE_COLOR says otherwise.', allowNo: true, helpGroup: 'GLOBAL' }),
  };

  /** Applies the global output flags before anything is printed (they are parsed again with the rest). */
  override async init(): Promise<void> {
    await super.init();
    const before = this.argv.includes('--') ? this.argv.slice(0, this.argv.indexOf('--')) : this.argv;
    const colour = before.lastIndexOf('--color') > before.lastIndexOf('--no-color') ? true : before.includes('--no-color') ? false : undefined;
    setOutputPrefs({ quiet: before.includes('-q') || before.includes('--quiet'), ...(colour !== undefined ? { colour } : {}) });
  }

  /** Plain, stable JSON on stdout (oclif's default colourises it on a TTY). */
  override logJson(json: unknown): void {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  }

  protected override async catch(err: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<void> {
    // The arguments were parsed, or their error is reported here: no "did not parse" warning on top.
    this.parsed = true;
    let error = toCasguardError(err);
    const unknownFlag = /^Nonexistent flags?: (--?[\w-]+)/.exec(error.message)?.[1];
    if (unknownFlag) error = new CasguardError(error.code, error.message, { hint: suggestFlag(unknownFlag, Object.keys((this.constructor as typeof Command).flags ?? {})), cause: err });
    process.exitCode = error.exitCode;
    if (this.jsonEnabled()) {
      this.logJson({ error: errorJson(error) });
    } else {
      process.stderr.write(`${formatError(error)}\n`);
      if (error.hint) process.stderr.write(`  hint: ${terminalText(error.hint)}\n`);
    }
    if (this.argv.includes('--verbose') && err.stack) process.stderr.write(`${err.stack}\n`);
  }
}

/** `did you mean --fail-on?` for a mistyped flag, or where to look. */
export function suggestFlag(typed: string, names: readonly string[]): string {
  const bare = typed.replace(/^--?/, '');
  const nearest = names.length ? closest(bare, [...names]) : undefined;
  return nearest && distance(bare, nearest) <= Math.max(2, Math.floor(bare.length / 3)) ? `did you mean --${nearest}?` : 'see --help';
}

/**
 * oclif's parser message on one line. oclif wraps a flag's value error as "Parsing --flag\n\t<message>\n
 * See more help with --help" (also around casguard's own errors thrown from a flag's parse): oclif's
 * reason becomes "--flag: <message>"; casguard's, which name the value already, stay as they were.
 */
function unwrapParsing(message: string, nameFlag: boolean): string | undefined {
  const lines = message.split('\n').map((l) => l.trim()).filter((l) => l && l !== 'See more help with --help');
  const flag = /^Parsing (--?[\w-]+)$/.exec(lines[0] ?? '')?.[1];
  return flag && lines.length > 1 ? `${nameFlag ? `${flag}: ` : ''}${lines.slice(1).join(' ')}` : undefined;
}

/** Any thrown value as a CasguardError: usage errors from oclif's parser exit 2, anything unexpected 3. */
export function toCasguardError(err: Error & { oclif?: { exit?: number } }): CasguardError {
  if (err instanceof CasguardError) {
    const message = unwrapParsing(err.message, false);
    return message === undefined ? err : new CasguardError(err.code, message, { hint: err.hint, cause: err, exitCode: err.exitCode, ...(err.location ? { location: err.location } : {}) });
  }
  if (err.oclif || err.name === 'CLIError' || /Parse|Flag|Arg/.test(err.name)) {
    return new CasguardError('usage/invalid-arguments', unwrapParsing(err.message, true) ?? err.message.split('\n')[0] ?? err.message, {
      hint: 'see --help',
      cause: err,
    });
  }
  return new CasguardError('internal/unexpected', `internal error: ${err.message}`, {
    exitCode: 3,
    cause: err,
    hint: 'this is a bug in casguard; run again with --verbose and report the output',
  });
}

/** `file:line:col: message [code]`, or `message [code]` when no file is involved; one line per problem. */
export function formatError(error: CasguardError): string {
  if (error instanceof InputErrors && error.errors.length > 1) {
    return error.errors.map((e) => `${formatError(e)}${e.hint ? `\n  hint: ${terminalText(e.hint)}` : ''}`).join('\n');
  }
  if (error instanceof ProblemsError) {
    return error.problems.map((p) => terminalText(`error: ${p.file}:${p.line}: ${p.path ? `${p.path}: ` : ''}${p.message} [${error.code}]`)).join('\n');
  }
  const where = error.location ? `${formatLocation(error.location)}: ` : '';
  return terminalText(`error: ${where}${error.message} [${error.code}]`);
}

/** The JSON form of an error, for --json output. */
export function errorJson(error: CasguardError): Record<string, unknown> {
  const json: Record<string, unknown> = { code: error.code, message: error.message, exitCode: error.exitCode };
  if (error.hint) json.hint = error.hint;
  if (error.location) {
    const { charOffset: _ignored, ...location } = error.location;
    json.location = location;
  }
  if (error instanceof ProblemsError) json.problems = error.problems;
  if (error instanceof InputErrors && error.errors.length > 1) json.errors = error.errors.map(errorJson);
  return json;
}
