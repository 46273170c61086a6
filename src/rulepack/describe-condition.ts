/** A condition in words, for `rules show` and reports: `LoginType equals SecureLogin and …`. */
export function describeCondition(cond: unknown): string {
  if (!cond || typeof cond !== 'object') return 'always';
  const c = cond as Record<string, unknown>;
  if (Array.isArray(c.all)) return c.all.map((x) => describeCondition(x)).join(' and ');
  if (Array.isArray(c.any)) return `(${c.any.map((x) => describeCondition(x)).join(' or ')})`;
  if ('not' in c) return `not (${describeCondition(c.not)})`;
  if (typeof c.fact === 'string') {
    const { fact, ...options } = c;
    const opts = Object.entries(options).map(([k, v]) => `${k} ${String(v)}`).join(', ');
    return `${fact}${opts ? ` (${opts})` : ''}`;
  }
  const field = typeof c.field === 'string' ? c.field : 'the item';
  const [op, value] = Object.entries(c).find(([k]) => k !== 'field') ?? ['?', undefined];
  if (op === 'allItems' || op === 'anyItem' || op === 'noItem') {
    const words = { allItems: 'every item of', anyItem: 'some item of', noItem: 'no item of' }[op];
    return `${words} ${field} has ${describeCondition(value)}`;
  }
  const words: Record<string, string> = { equals: 'is', notEquals: 'is not', oneOf: 'is one of', noneOf: 'is none of', matches: 'matches', lessThan: 'is less than', greaterThan: 'is greater than', exists: 'exists', absent: 'is absent', empty: 'is empty', schema: 'matches the schema' };
  if (op === 'exists' || op === 'absent' || op === 'empty') return `${field} ${value === false ? `is not ${op === 'exists' ? 'present' : op === 'absent' ? 'absent' : 'empty'}` : words[op]}`;
  return `${field} ${words[op] ?? op} ${JSON.stringify(value)}`;
}
