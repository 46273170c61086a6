// What drift compares: canonical values are blind to property order, list order and number spelling,
// idempotent, and a record's text turns back into the same per-property view.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalText, canonicalValue, IgnoreList, recordText, viewOf, viewOfText } from '../../src/drift/canonical.js';
import type { CanonicalRecord } from '../../src/model/records.js';

/** The same value with every list and every object's keys in another order. */
function shuffled(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v, i) => shuffled(v, seed + i));
    return items.map((v, i) => [((i + 1) * 2654435761 + seed) % 1000, v] as const).sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).reverse();
    if (seed % 2) keys.sort();
    return Object.fromEntries(keys.map((k, i) => [k, shuffled((value as Record<string, unknown>)[k], seed + i)]));
  }
  return value;
}

const json = fc.jsonValue({ maxDepth: 4 });

describe('canonical values', () => {
  it('the same set of values in any order has one canonical text', () => {
    fc.assert(fc.property(json, fc.nat(1000), (v, seed) => canonicalText(v) === canonicalText(shuffled(v, seed))), { numRuns: 400 });
  });

  it('is idempotent: a canonical text read back is already canonical', () => {
    fc.assert(fc.property(json, (v) => canonicalText(JSON.parse(canonicalText(v))) === canonicalText(v)), { numRuns: 400 });
  });

  it('orders texts before other values, keeps duplicates, and writes non-finite numbers as null', () => {
    expect(canonicalText(['b', 2, 'a', { x: 1 }, 'a', null])).toBe('["a","a","b",2,null,{"x":1}]');
    expect(canonicalText([Number.NaN, Number.POSITIVE_INFINITY])).toBe('[null,null]');
    expect(canonicalValue('text')).toBe('text');
    const list = ['a', 'b'];
    expect(canonicalValue(list)).toBe(list); // already canonical: not copied
  });
});

describe('record texts', () => {
  const record = (props: Record<string, unknown>, unreadable: CanonicalRecord['unreadable'] = {}): CanonicalRecord =>
    ({ kind: 'PopSettings', identity: 'EX01', props, raw: {}, unreadable, source: { path: 'pop.json', pointer: '/0' } }) as unknown as CanonicalRecord;

  it('two exports of one record with properties and lists in another order have the same text; the view names every compared value', () => {
    const ignore = new IgnoreList(['PopSettings.Banner']);
    const a = record({ LoginType: 'SecureLogin', SSLBindings: ['0.0.0.0:995', '[::]:995'], Banner: 'x', WhenChanged: '2026-01-01', MaxCommandSize: 512 });
    const b = record({ MaxCommandSize: 512, SSLBindings: ['[::]:995', '0.0.0.0:995'], WhenChanged: '2026-11-30', LoginType: 'SecureLogin', Banner: 'y' });
    expect(recordText(a, ignore)).toBe(recordText(b, ignore));
    expect(viewOf(a, ignore)).toEqual({ values: { LoginType: '"SecureLogin"', MaxCommandSize: '512', SSLBindings: '["0.0.0.0:995","[::]:995"]' }, unreadable: [] });
  });

  it('unreadable properties are listed apart (never as values) and survive the round trip through text', () => {
    const ignore = new IgnoreList([]);
    const r = record({ LoginType: 'SecureLogin' }, { ExternalConnectionSettings: { reason: 'cut', detail: 'cut short' } } as unknown as CanonicalRecord['unreadable']);
    const text = recordText(r, ignore);
    expect(viewOfText(text)).toEqual({ values: { LoginType: '"SecureLogin"' }, unreadable: ['ExternalConnectionSettings'] });
  });
});
