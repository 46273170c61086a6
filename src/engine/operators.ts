// The closed set of check operators a rule pack may use. Each declares a JSON Schema for its options
// (validated when the pack loads) and compiles once into a function over a field value.

import { Unknown, type Tri } from './tri.js';
import { compilePattern, patternProblem } from './pattern.js';
import { lookupTable } from '../model/lookup.js';
import { compileSchema } from '../schema-validator.js';


/** How an operator tests one field value; `undefined` means the property is absent. */
export type ValueTest = (value: unknown) => Tri;

export interface Operator {
  /** JSON Schema of the operator's option (the value under its key in the YAML). */
  readonly optionsSchema: object;
  /** Operators that decide on absence themselves; the others give `unknown` for a missing property. */
  readonly acceptsMissing?: boolean;
  compile(option: unknown): ValueTest;
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (a === b) return true;
  if (a && b && typeof a === 'object' && typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

/** A number, or a TimeSpan written as "00:30:00" / "1.00:00:00" (compared in seconds). */
function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (/^unlimited$/i.test(v)) return Infinity;
    const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})$/.exec(v);
    if (m) return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
    if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  }
  return undefined;
}

function compare(option: unknown, test: (a: number, b: number) => boolean): ValueTest {
  const bound = toNumber(option) as number;
  return (v) => {
    const n = toNumber(v);
    return n === undefined ? new Unknown(`not a number: ${JSON.stringify(v)}`) : test(n, bound);
  };
}

export const OPERATORS: Readonly<Record<string, Operator>> = lookupTable({
  equals: { optionsSchema: {}, compile: (o) => (v) => same(v, o) },
  notEquals: { optionsSchema: {}, compile: (o) => (v) => !same(v, o) },
  oneOf: { optionsSchema: { type: 'array', items: {} }, compile: (o) => (v) => (o as unknown[]).some((x) => same(v, x)) },
  noneOf: { optionsSchema: { type: 'array', items: {} }, compile: (o) => (v) => !(o as unknown[]).some((x) => same(v, x)) },
  matches: {
    optionsSchema: { type: 'string' },
    compile(o) {
      const re = compilePattern(o as string);
      return (v) => (v === null ? false : typeof v === 'string' || typeof v === 'number' ? re.test(String(v)) : new Unknown(`not text: ${JSON.stringify(v)}`));
    },
  },
  lessThan: { optionsSchema: { type: ['number', 'string'], pattern: '^(\\d+\\.)?\\d{1,2}:\\d{2}:\\d{2}$|^-?\\d+(\\.\\d+)?$|^[Uu]nlimited$' }, compile: (o) => compare(o, (a, b) => a < b) },
  greaterThan: { optionsSchema: { type: ['number', 'string'], pattern: '^(\\d+\\.)?\\d{1,2}:\\d{2}:\\d{2}$|^-?\\d+(\\.\\d+)?$|^[Uu]nlimited$' }, compile: (o) => compare(o, (a, b) => a > b) },
  exists: { optionsSchema: { type: 'boolean' }, acceptsMissing: true, compile: (o) => (v) => (v !== undefined && v !== null) === o },
  absent: { optionsSchema: { type: 'boolean' }, acceptsMissing: true, compile: (o) => (v) => (v === undefined || v === null) === o },
  empty: {
    optionsSchema: { type: 'boolean' },
    compile: (o) => (v) => {
      if (v === null || v === '') return o === true;
      if (Array.isArray(v)) return (v.length === 0) === o;
      if (typeof v === 'string') return (v.trim() === '') === o;
      return new Unknown(`not a list or text: ${JSON.stringify(v)}`);
    },
  },
  schema: {
    optionsSchema: { type: 'object' },
    compile(o) {
      const validate = compileSchema(o as object);
      return (v) => {
        try {
          return validate(v);
        } catch (err) {
          return new Unknown(`the schema could not check the value: ${(err as Error).message}`);
        }
      };
    },
  },
});

/** The first $ref-like keyword in a schema fragment ($ref: "#" would recurse forever). */
function schemaReference(schema: unknown): string | undefined {
  const stack = [schema];
  for (let seen = 0; stack.length && seen < 10_000; seen++) {
    const v = stack.pop();
    if (!v || typeof v !== 'object') continue;
    for (const [k, child] of Object.entries(v)) {
      if (['$ref', '$dynamicRef', '$recursiveRef', '$id'].includes(k)) return k;
      stack.push(child);
    }
  }
  return undefined;
}

/** Item operators take a nested condition applied to every element of a list. */
export const ITEM_OPERATORS = ['allItems', 'anyItem', 'noItem'] as const;
export type ItemOperator = (typeof ITEM_OPERATORS)[number];

/** Validates one operator's option; returns ajv's messages (empty when valid). */
export function checkOperatorOption(name: string, option: unknown): string[] {
  const op = OPERATORS[name];
  if (!op) return [`unknown operator "${name}"`];
  const validate = compileSchema(op.optionsSchema);
  if (!validate(option)) return (validate.errors ?? []).map((e) => `${name} ${e.message ?? 'is invalid'}`);
  if (name === 'matches') {
    const problem = patternProblem(option);
    if (problem) return [`matches: ${problem}`];
  }
  if (name === 'schema') {
    const ref = schemaReference(option);
    if (ref) return [`schema: ${ref} is not supported: a condition's schema must be self-contained and not refer to itself`];
    try {
      compileSchema(option as object);
    } catch (err) {
      return [`schema: ${(err as Error).message}`];
    }
  }
  return [];
}
