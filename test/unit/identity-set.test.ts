import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdentityRegistry } from '../../src/app/identity-registry.js';
import { identityDigest, IdentitySet } from '../../src/app/identity-set.js';
import type { CanonicalRecord } from '../../src/model/records.js';
import { identityKey } from '../../src/normalize/kinds/common.js';

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

describe('IdentityRegistry.addDigests (identities digested by scan workers)', () => {
  const digests = (...identities: string[]) => {
    const out = new Uint32Array(4 * identities.length);
    identities.forEach((id, i) => out.set(identityDigest(identityKey(id)), 4 * i));
    return out;
  };
  const record = (identity: string, path: string) => ({ kind: 'CASMailbox', identity, source: { path, pointer: '/0' } }) as CanonicalRecord;

  it('adds a file of unique identities; a repeat inside it or one seen before adds nothing and says so', () => {
    const registry = new IdentityRegistry();
    registry.add(record('contoso.com/Users/Ann', 'a.json'));
    expect(registry.addDigests('CASMailbox', 'b.json', digests('contoso.com/Users/Bob', 'contoso.com/Users/Cy', 'CONTOSO.COM/users/bob'))).toBe(false);
    expect(registry.addDigests('CASMailbox', 'b.json', digests('contoso.com/Users/Dee', 'contoso.com/Users/ann'))).toBe(false);
    // Nothing was added by the refused files: their identities are still new.
    expect(() => registry.add(record('contoso.com/Users/Bob', 'c.json'))).not.toThrow();
    expect(() => registry.add(record('contoso.com/Users/Dee', 'c.json'))).not.toThrow();
    expect(registry.addDigests('CASMailbox', 'd.json', digests('contoso.com/Users/Eve', 'contoso.com/Users/Fay'))).toBe(true);
    expect(() => registry.add(record('contoso.com/Users/fay', 'e.json'))).toThrow(/duplicate CASMailbox "contoso.com\/Users\/fay": it also appears in d.json/);
  });
});
