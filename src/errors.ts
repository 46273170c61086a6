/** Stable, documented error codes; the CLI maps every one of them to exit code 2 (or 3 for internal). */
export type ErrorCode =
  | 'usage/invalid-arguments'
  | 'export/not-found'
  | 'export/unreadable'
  | 'export/no-exports'
  | 'export/empty'
  | 'export/invalid-encoding'
  | 'export/invalid-json'
  | 'export/not-json'
  | 'export/invalid-xml'
  | 'export/invalid-text'
  | 'export/binary'
  | 'export/unrecognized-kind'
  | 'export/duplicate-identity'
  | 'export/too-large-value'
  | 'rulepack/not-found'
  | 'rulepack/invalid'
  | 'config/invalid'
  | 'waivers/invalid'
  | 'baseline/invalid'
  | 'proposal/invalid'
  | 'output/unwritable'
  | 'internal/unexpected';

/** Where an error was found: a file and, when known, a line:column and/or JSON pointer. */
export interface ErrorLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly byteOffset?: number;
  /** Character offset in the decoded text; the I/O layer turns it into line:column. */
  readonly charOffset?: number;
  readonly pointer?: string;
}

/** Every error casguard raises on purpose; anything else is a bug (exit 3). */
export class CasguardError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: 2 | 3;
  readonly hint?: string;
  readonly location?: ErrorLocation;

  constructor(
    code: ErrorCode,
    message: string,
    options: { hint?: string; location?: ErrorLocation; cause?: unknown; exitCode?: 2 | 3 } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'CasguardError';
    this.code = code;
    this.exitCode = options.exitCode ?? 2;
    this.hint = options.hint;
    this.location = options.location;
  }
}

/** Several problems found at once in one file (a rule pack, config or waivers): all are reported. */
export class ProblemsError extends CasguardError {
  readonly problems: readonly { file: string; line: number; path: string; message: string }[];

  constructor(code: ErrorCode, problems: readonly { file: string; line: number; path: string; message: string }[], hint?: string) {
    const first = problems[0];
    super(code, `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${first?.file ?? 'input'}`, { hint, location: first ? { file: first.file, line: first.line } : undefined });
    this.name = 'ProblemsError';
    this.problems = problems;
  }
}

/** Several inputs that could not be read, all reported at once (the first one's code is the run's). */
export class InputErrors extends CasguardError {
  constructor(readonly errors: readonly CasguardError[]) {
    const first = errors[0] as CasguardError;
    super(first.code, errors.length === 1 ? first.message : `${errors.length} inputs could not be read`, { location: first.location, hint: errors.length === 1 ? first.hint : undefined, exitCode: first.exitCode });
    this.name = 'InputErrors';
  }
}

/** `file:line:column` or `file#/pointer`, whichever is known, for one-line messages. */
export function formatLocation(location: ErrorLocation): string {
  let text = location.file;
  if (location.line !== undefined) text += `:${location.line}:${location.column ?? 1}`;
  else if (location.byteOffset !== undefined) text += ` (byte ${location.byteOffset})`;
  if (location.pointer !== undefined) text += ` at ${location.pointer || '/'}`;
  return text;
}
