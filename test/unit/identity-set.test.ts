import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdentitySet } from '../../src/app/identity-set.js';

describe('IdentitySet', () => {
  it('behaves like a Map from strings to their first value', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 6 }), fc.nat(1000)), { maxLength: 300 }), (entries) => {
        const set = new IdentitySet();
        const map = new Map<string, number>();
        for (const [key, value] of entries) {
          expect(set.add(key, value)).toBe(map.get(key));
          if (!map.has(key)) map.set(key, value);
        }
      }),
    );
  });

  it('keeps 200,000 distinct identities distinct while growing', () => {
    const set = new IdentitySet();
    for (let i = 0; i < 200_000; i++) expect(set.add(`corp.contoso.com/Staff/User ${i}`, i % 7)).toBeUndefined();
    expect(set.add('corp.contoso.com/Staff/User 123456', 0)).toBe(123456 % 7);
  });
});
