// Patterns from packs and casguard.yml (and waiver globs) run on exported text, which anyone can shape:
// they are matched by RE2 (linear time, no backtracking), so no pattern and no input can hang a scan.

import { RE2JS } from 're2js';

/** A compiled pattern: does it match somewhere in the text? */
export interface Pattern {
  test(text: string): boolean;
}

/** RE2 syntax, `(?i)pattern` for case-insensitive (the catalog's notation); throws on an invalid pattern. */
export function compilePattern(pattern: string): Pattern {
  const re = RE2JS.compile(pattern);
  return { test: (text) => re.test(text) };
}

/** Why a pattern cannot be used, or undefined when it can. */
export function patternProblem(pattern: unknown): string | undefined {
  if (typeof pattern !== 'string') return 'a pattern must be text';
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (err) {
    return `invalid regular expression (RE2 syntax: no lookaround or backreferences): ${(err as Error).message}`;
  }
}

/** A waiver glob (`*` any text, `?` one character), case-insensitive, matched in linear time. */
export function compileGlob(glob: string): Pattern {
  let body = '';
  for (const c of glob) body += c === '*' ? '.*' : c === '?' ? '.' : RE2JS.quote(c);
  const re = RE2JS.compile(`^(?:${body})$`, RE2JS.CASE_INSENSITIVE | RE2JS.DOTALL);
  return { test: (text) => re.test(text) };
}

/** A client access rule user-name pattern: `*` is any text, everything else literal, case-insensitive, whole name. */
export function compileWildcard(pattern: string): Pattern {
  const body = pattern.split('*').map((part) => RE2JS.quote(part)).join('.*');
  const re = RE2JS.compile(`^(?:${body})$`, RE2JS.CASE_INSENSITIVE | RE2JS.DOTALL);
  return { test: (text) => re.test(text) };
}
