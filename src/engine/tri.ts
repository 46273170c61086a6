/** Three-valued truth: a check on missing or unreadable evidence is `unknown`, never true. */
export type Tri = true | false | Unknown;

/** Why a condition could not be decided (a missing or unreadable property). */
export class Unknown {
  constructor(readonly reason: string) {}
}

export function isUnknown(t: Tri): t is Unknown {
  return t instanceof Unknown;
}

/** Kleene AND: false wins, then unknown. */
export function and(values: Iterable<() => Tri>): Tri {
  let unknown: Unknown | undefined;
  for (const v of values) {
    const t = v();
    if (t === false) return false;
    if (t instanceof Unknown) unknown ??= t;
  }
  return unknown ?? true;
}

/** Kleene OR: true wins, then unknown. */
export function or(values: Iterable<() => Tri>): Tri {
  let unknown: Unknown | undefined;
  for (const v of values) {
    const t = v();
    if (t === true) return true;
    if (t instanceof Unknown) unknown ??= t;
  }
  return unknown ?? false;
}

export function not(t: Tri): Tri {
  return t instanceof Unknown ? t : !t;
}

/** Unknown when a record's property could not be read (cut off by the depth limit, or invalid). */
export function unreadableProperty(record: { unreadable: Readonly<Record<string, { reason: string; detail: string }>> }, key: string): Unknown | undefined {
  const problem = record.unreadable[key];
  if (!problem) return undefined;
  if (problem.reason === 'truncated') return new Unknown(`${key} was cut off by ConvertTo-Json's depth limit`);
  return new Unknown(problem.reason === 'cut' ? `${key} was ${problem.detail}` : `${key} is unreadable (${problem.detail})`);
}

/** Kleene AND over values already computed. */
export function allOf(...values: Tri[]): Tri {
  return and(values.map((v) => () => v));
}

/** Kleene OR over values already computed. */
export function anyOf(...values: Tri[]): Tri {
  return or(values.map((v) => () => v));
}
