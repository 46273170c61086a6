import { Command, Flags } from '@oclif/core';
import { CasguardError, formatLocation, ProblemsError } from '../errors.js';
import { terminalText } from '../report/terminal-text.js';

/** The exit codes every command documents (DESIGN §1). */
export const EXIT_CODES_HELP = `EXIT CODES
  0  ran; everything was read (scan: and the gate passed)
  1  ran; the gate failed (scan and drift only)
  2  could not run: bad flags, or an input that could not be read or recognised
  3  internal error (a bug in casguard: please report it with --verbose output)`;

/** Error → exit code and one-line message (JSON under --json); stack traces only with --verbose. */
export abstract class BaseCommand extends Command {
  static override baseFlags = {
    verbose: Flags.boolean({ description: 'Show stack traces of errors.', helpGroup: 'GLOBAL' }),
  };

  /** Plain, stable JSON on stdout (oclif's default colourises it on a TTY). */
  override logJson(json: unknown): void {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  }

  protected override async catch(err: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<void> {
    const error = toCasguardError(err);
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

/** Any thrown value as a CasguardError: usage errors from oclif's parser exit 2, anything unexpected 3. */
export function toCasguardError(err: Error & { oclif?: { exit?: number } }): CasguardError {
  if (err instanceof CasguardError) return err;
  if (err.oclif || err.name === 'CLIError' || /Parse|Flag|Arg/.test(err.name)) {
    return new CasguardError('usage/invalid-arguments', err.message.split('\n')[0] ?? err.message, {
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
  return json;
}
