import { patternProblem } from '../engine/pattern.js';
import schema from './params.schema.json' with { type: 'json' };
import { describeSchemaError } from './yaml-problems.js';
import { schemaValidator } from '../schema-validator.js';

const validator = schemaValidator(schema);

/**
 * What is wrong with params as a pack or casguard.yml writes them: wrong types (`pop: "yes"` would
 * silently hide findings), dates and builds that are not, and patterns RE2 cannot compile. Paths are
 * relative to the params object.
 */
export function paramProblems(params: unknown): { path: string; message: string }[] {
  if (params === undefined) return [];
  const out: { path: string; message: string }[] = [];
  const validate = validator();
  if (!validate(params)) {
    for (const e of validate.errors ?? []) {
      const p = describeSchemaError(e);
      if (p) out.push(p);
    }
  }
  const p = (params && typeof params === 'object' ? params : {}) as { privileged?: { patterns?: unknown }; systemMailboxPattern?: unknown };
  const patterns = p.privileged && typeof p.privileged === 'object' && Array.isArray(p.privileged.patterns) ? (p.privileged.patterns as unknown[]) : [];
  patterns.forEach((pattern, i) => {
    const problem = typeof pattern === 'string' ? patternProblem(pattern) : undefined;
    if (problem) out.push({ path: `/privileged/patterns/${i}`, message: problem });
  });
  if (typeof p.systemMailboxPattern === 'string') {
    const problem = patternProblem(p.systemMailboxPattern);
    if (problem) out.push({ path: '/systemMailboxPattern', message: problem });
  }
  return out;
}
