import { describe, expect, it } from 'vitest';
import { errorJson, formatError, toCasguardError } from '../../src/cli/base-command.js';
import { CasguardError, ProblemsError } from '../../src/errors.js';

describe('error mapping', () => {
  it('maps an unexpected exception to exit 3 with a bug-report hint', () => {
    const err = toCasguardError(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(err).toMatchObject({ code: 'internal/unexpected', exitCode: 3 });
    expect(err.hint).toMatch(/--verbose/);
  });

  it("maps oclif's parse errors to exit 2", () => {
    const parse = Object.assign(new Error('Expected --fail-on=severe to be one of: critical, high\nSee more help with --help'), { oclif: { exit: 2 } });
    expect(toCasguardError(parse)).toMatchObject({ code: 'usage/invalid-arguments', exitCode: 2, message: 'Expected --fail-on=severe to be one of: critical, high' });
  });

  it('keeps casguard errors and formats them on one line with their location', () => {
    const err = new CasguardError('export/invalid-json', 'invalid JSON: unexpected end of file', { location: { file: 'pop.json', line: 5, column: 21 } });
    expect(toCasguardError(err)).toBe(err);
    expect(formatError(err)).toBe('error: pop.json:5:21: invalid JSON: unexpected end of file [export/invalid-json]');
    expect(errorJson(err)).toEqual({ code: 'export/invalid-json', message: 'invalid JSON: unexpected end of file', exitCode: 2, location: { file: 'pop.json', line: 5, column: 21 } });
  });

  it('prints one line per problem of a ProblemsError', () => {
    const err = new ProblemsError('rulepack/invalid', [
      { file: 'p.yaml', line: 3, path: '/version', message: 'must be string' },
      { file: 'p.yaml', line: 9, path: '/rules/X-001/then', message: 'no operator' },
    ]);
    expect(formatError(err).split('\n')).toEqual(['error: p.yaml:3: /version: must be string [rulepack/invalid]', 'error: p.yaml:9: /rules/X-001/then: no operator [rulepack/invalid]']);
  });
});
