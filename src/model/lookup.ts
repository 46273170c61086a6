/**
 * A name → entry table without a prototype: names read from packs and exports (`constructor`,
 * `__proto__`, `valueOf`) find nothing instead of Object.prototype's members.
 */
export function lookupTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
