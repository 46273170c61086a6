import type { Check, Subject } from './evaluation-context.js';
import { FACTS } from './facts.js';
import { checkOperatorOption, ITEM_OPERATORS, OPERATORS, type ItemOperator } from './operators.js';
import { and, not, or, unreadableProperty, Unknown, type Tri } from './tri.js';

/** A problem in a rule pack condition, with its path inside the pack (e.g. /rules/EXPOP-001/then). */
export interface ConditionProblem {
  path: string;
  message: string;
}

const COMBINATORS = ['all', 'any', 'not'] as const;

/** A dotted field path split once at compile time. */
interface FieldPath {
  name: string;
  top: string;
  rest: string[];
}

function fieldPath(path: string): FieldPath {
  const [top, ...rest] = path.split('.');
  return { name: path, top: top as string, rest };
}

/** Reads a field from a record's canonical properties (or from the current list item). */
function readField(subject: Subject, path: FieldPath | undefined): unknown {
  if (subject.item !== undefined) {
    if (path === undefined) return subject.item;
    return dig((subject.item as Record<string, unknown> | null)?.[path.top], path.rest);
  }
  if (path === undefined) return subject.record.props;
  const v = subject.record.props[path.top];
  return path.rest.length ? dig(v, path.rest) : v;
}

function dig(value: unknown, keys: readonly string[]): unknown {
  let v = value;
  for (const k of keys) {
    if (v === null || v === undefined || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/** Unknown when the field's property is unreadable (depth-truncated or invalid) in the record. */
function unreadable(subject: Subject, path: FieldPath | undefined): Unknown | undefined {
  if (subject.item !== undefined || path === undefined) return undefined;
  return unreadableProperty(subject.record, path.top);
}

/** Every field a condition reads (for deferred evaluation and documentation). */
export function conditionFields(cond: unknown, out = new Set<string>()): Set<string> {
  if (!cond || typeof cond !== 'object') return out;
  const c = cond as Record<string, unknown>;
  if (typeof c.field === 'string' && !ITEM_OPERATORS.some((op) => op in c)) out.add(c.field.split('.')[0] as string);
  if (typeof c.field === 'string' && ITEM_OPERATORS.some((op) => op in c)) out.add(c.field.split('.')[0] as string);
  for (const k of COMBINATORS) {
    const v = c[k];
    if (Array.isArray(v)) v.forEach((x) => conditionFields(x, out));
    else if (v) conditionFields(v, out);
  }
  return out;
}

/** Facts a condition uses. */
export function conditionFacts(cond: unknown, out = new Set<string>()): Set<string> {
  if (!cond || typeof cond !== 'object') return out;
  const c = cond as Record<string, unknown>;
  if (typeof c.fact === 'string') out.add(c.fact);
  for (const k of [...COMBINATORS, ...ITEM_OPERATORS]) {
    const v = c[k];
    if (Array.isArray(v)) v.forEach((x) => conditionFacts(x, out));
    else if (v) conditionFacts(v, out);
  }
  return out;
}

/**
 * Compiles a condition from a rule pack into a Check, once per pack. Problems are collected (with their
 * pack path) rather than thrown, so `rules validate` can report all of them.
 */
export function compileCondition(cond: unknown, path: string, problems: ConditionProblem[], inItem = false): Check {
  const never: Check = () => new Unknown('invalid condition');
  if (!cond || typeof cond !== 'object' || Array.isArray(cond)) {
    problems.push({ path, message: 'a condition must be an object such as {field: LoginType, equals: SecureLogin}' });
    return never;
  }
  const c = cond as Record<string, unknown>;
  if (Array.isArray(c.all) || Array.isArray(c.any)) {
    const key = Array.isArray(c.all) ? 'all' : 'any';
    const parts = (c[key] as unknown[]).map((x, i) => compileCondition(x, `${path}/${key}/${i}`, problems, inItem));
    const combine = key === 'all' ? and : or;
    return (s, f) => combine(parts.map((p) => () => p(s, f)));
  }
  if ('not' in c) {
    const inner = compileCondition(c.not, `${path}/not`, problems, inItem);
    return (s, f) => not(inner(s, f));
  }
  if (typeof c.fact === 'string') {
    const fact = FACTS[c.fact];
    if (!fact) {
      problems.push({ path: `${path}/fact`, message: `unknown fact "${c.fact}" (known: ${Object.keys(FACTS).join(', ')})` });
      return never;
    }
    const { fact: name, ...options } = c;
    for (const message of fact.checkOptions(options)) problems.push({ path, message: `fact ${c.fact}: ${message}` });
    return (s, f) => f.fact(name as string, s, options);
  }
  const rawField = c.field;
  if (rawField !== undefined && typeof rawField !== 'string') {
    problems.push({ path: `${path}/field`, message: 'field must be a property name such as LoginType' });
    return never;
  }
  if (rawField === undefined && !inItem) {
    problems.push({ path, message: 'a check needs a field (or all/any/not/fact)' });
    return never;
  }
  const field = rawField === undefined ? undefined : fieldPath(rawField);
  const ops = Object.keys(c).filter((k) => k !== 'field');
  if (ops.length !== 1) {
    problems.push({ path, message: ops.length === 0 ? `no operator for field ${String(rawField)}` : `one operator per check, found ${ops.join(', ')}` });
    return never;
  }
  const opName = ops[0] as string;
  if ((ITEM_OPERATORS as readonly string[]).includes(opName)) {
    const inner = compileCondition(c[opName], `${path}/${opName}`, problems, true);
    return compileItems(opName as ItemOperator, field, inner);
  }
  const op = OPERATORS[opName];
  if (!op) {
    problems.push({ path: `${path}/${opName}`, message: `unknown operator "${opName}" (known: ${[...Object.keys(OPERATORS), ...ITEM_OPERATORS].join(', ')})` });
    return never;
  }
  for (const message of checkOperatorOption(opName, c[opName])) problems.push({ path: `${path}/${opName}`, message });
  const test = problems.some((p) => p.path.startsWith(`${path}/${opName}`)) ? () => new Unknown('invalid') : op.compile(c[opName]);
  return (s) => {
    const bad = unreadable(s, field);
    if (bad) return bad;
    const value = readField(s, field);
    if (value === undefined && !op.acceptsMissing) return new Unknown(`${field?.name ?? 'value'} is missing from the export`);
    return test(value);
  };
}

function compileItems(op: ItemOperator, field: FieldPath | undefined, inner: Check): Check {
  return (s, f) => {
    const bad = unreadable(s, field);
    if (bad) return bad;
    const list = readField(s, field);
    if (list === undefined) return new Unknown(`${field?.name} is missing from the export`);
    const items = list === null ? [] : Array.isArray(list) ? list : [list];
    const results = items.map((item) => () => inner({ record: s.record, item }, f));
    if (op === 'allItems') return and(results);
    if (op === 'anyItem') return or(results);
    return not(or(results));
  };
}

export type { Tri };
