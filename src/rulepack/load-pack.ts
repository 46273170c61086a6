import type { ValidateFunction } from 'ajv';
import yaml from 'js-yaml';
import { compileCondition, conditionFacts, type ConditionProblem } from '../engine/compile-condition.js';
import { FACTS } from '../engine/facts.js';
import { FIX_VALUES } from '../engine/fix-values.js';
import { compileFixTemplate } from './fix-template.js';
import { paramProblems } from './params.js';
import { COLLECTION_FUNCTIONS } from '../engine/functions/registry.js';
import { EXPORT_KINDS, type ExportKind } from '../model/export-kind.js';
import { knownProperties } from '../normalize/normalize-record.js';
import schema from './rule-pack.schema.json' with { type: 'json' };
import type { RulePackSpec, RuleSpec } from './types.js';
import { describeSchemaError, lineOfPath, yamlSizeProblem, yamlSyntaxProblem } from './yaml-problems.js';
import { compileSchema, schemaValidator } from '../schema-validator.js';

const packValidator = schemaValidator(schema);
const functionOptionValidators = new Map<string, ValidateFunction>();

/** One problem in a pack file: where (line and YAML path) and what. */
export interface PackProblem {
  file: string;
  line: number;
  path: string;
  message: string;
}

/** Placeholders every message and remediation may use, besides the record's own properties (and `fix.*` values in remediations). */
export const FIXED_PLACEHOLDERS = ['identity', 'server', 'name', 'kind', 'field', 'expected', 'actual', 'detail', 'ruleId'];

/**
 * Parses and checks a pack: YAML syntax, the pack JSON Schema, then every condition, function and
 * placeholder. Returns all problems at once (nothing is thrown), each with line and YAML path.
 */
export function parsePack(text: string, file: string): { pack?: RulePackSpec; problems: PackProblem[] } {
  let data: unknown;
  try {
    data = yaml.load(text, { filename: file, schema: yaml.CORE_SCHEMA });
  } catch (err) {
    return { problems: [yamlSyntaxProblem(err, file)] };
  }
  const tooBig = yamlSizeProblem(data);
  if (tooBig) return { problems: [{ file, line: 1, path: '/', message: tooBig }] };
  const problems: PackProblem[] = [];
  const at = (path: string, message: string) => problems.push({ file, line: lineOfPath(text, path.split('/').filter(Boolean)), path: path || '/', message });
  const validateSchema = packValidator();
  if (!validateSchema(data)) {
    for (const e of validateSchema.errors ?? []) {
      if (e.keyword === 'oneOf' && e.schemaPath.includes('/rule/')) {
        at(e.instancePath, 'a rule needs either `then` (a condition on each record) or `check` (a named function), not both');
        continue;
      }
      const problem = describeSchemaError(e);
      if (problem) at(problem.path, problem.message);
    }
  }
  const pack = data as unknown as RulePackSpec;
  if (pack && typeof pack === 'object' && pack.params !== undefined) for (const p of paramProblems(pack.params)) at(`/params${p.path}`, p.message);
  // Conditions, functions and placeholders are checked even when the schema found problems, so one
  // run reports everything (rules too malformed to read are skipped here: the schema named them).
  const rules = pack && typeof pack === 'object' && pack.rules && typeof pack.rules === 'object' ? pack.rules : {};
  for (const [id, rule] of Object.entries(rules)) {
    if (rule && typeof rule === 'object' && rule.given && typeof rule.given === 'object') checkRule(id, rule, at);
  }
  const all = dedupe(problems);
  return all.length ? { problems: all } : { pack, problems: all };
}

function dedupe(problems: PackProblem[]): PackProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function checkRule(id: string, rule: RuleSpec, at: (path: string, message: string) => void): void {
  const base = `/rules/${id}`;
  const conditionProblems: ConditionProblem[] = [];
  if (rule.given.where) compileCondition(rule.given.where, `${base}/given/where`, conditionProblems);
  if (rule.then) compileCondition(rule.then, `${base}/then`, conditionProblems);
  rule.severityWhen?.forEach((s, i) => compileCondition(s.when, `${base}/severityWhen/${i}/when`, conditionProblems));
  for (const p of conditionProblems) at(p.path, p.message);
  if (rule.check) {
    const fn = COLLECTION_FUNCTIONS[rule.check.function];
    if (!fn) {
      at(`${base}/check/function`, `unknown function "${rule.check.function}" (known: ${Object.keys(COLLECTION_FUNCTIONS).join(', ')})`);
    } else {
      let validate = functionOptionValidators.get(rule.check.function);
      if (!validate) functionOptionValidators.set(rule.check.function, (validate = compileSchema(fn.optionsSchema)));
      if (!validate(rule.check.options ?? {})) {
        for (const e of validate.errors ?? []) at(`${base}/check/options${e.instancePath}`, `${rule.check.function} options ${e.message ?? 'are invalid'}`);
      }
    }
  }
  const kind = rule.given.kind;
  if (!EXPORT_KINDS.includes(kind)) return;
  const allowed = new Set([...FIXED_PLACEHOLDERS, ...knownProperties(kind as ExportKind)]);
  const checkPlaceholders = (path: string, text: unknown, extra?: (name: string) => boolean) => {
    if (typeof text !== 'string') return;
    for (const m of text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)) {
      const name = m[1] as string;
      if (!allowed.has(name) && !extra?.(name)) at(path, `unknown placeholder {{${name}}} (use ${FIXED_PLACEHOLDERS.join(', ')}${extra ? ', fix.<value>' : ''} or a ${kind} property)`);
    }
  };
  if (rule.message && typeof rule.message === 'object') for (const verdict of ['pass', 'fail', 'error'] as const) checkPlaceholders(`${base}/message/${verdict}`, rule.message[verdict]);
  if (rule.remediation && typeof rule.remediation === 'object') {
    const isFixValue = (name: string) => name.startsWith('fix.') && Object.hasOwn(FIX_VALUES, name.slice(4));
    const { problems } = compileFixTemplate(rule.remediation);
    for (const p of problems) at(`${base}/remediation/run${p.index === undefined ? '' : `/${p.index}`}`, p.message);
    (rule.remediation.run ?? []).forEach((line, i) => checkPlaceholders(`${base}/remediation/run/${i}`, line, isFixValue));
    checkPlaceholders(`${base}/remediation/manual`, rule.remediation.manual);
  }
  for (const f of rule.field && rule.then ? rule.field.split(',').map((x) => x.trim()) : []) {
    if (!knownProperties(kind as ExportKind).includes(f.split('.')[0] as string)) at(`${base}/field`, `${f} is not a ${kind} property casguard knows`);
  }
  if (kind === 'CASMailbox' && rule.then) {
    // Mailbox rules run while mailboxes stream past, before services and servers are known.
    for (const [path, cond] of [[`${base}/given/where`, rule.given.where], [`${base}/then`, rule.then]] as const) {
      for (const f of conditionFacts(cond)) {
        if (FACTS[f]?.needsContext) at(path, `fact ${f} needs other exports and cannot decide a per-mailbox rule; use it in severityWhen instead`);
      }
    }
  }
}
