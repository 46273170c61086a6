// Issue 7 §1 as a property of every rule: evidence cut off by ConvertTo-Json's depth limit is unknown.
// For every case of every rule's table, each list- or object-valued property of the records the rule
// looks at is replaced, one at a time, by a depth-truncated value (as ingest marks it). Three-valued logic
// is monotone: a verdict may only stay what it was or become `error` — never turn into pass or fail.

import { describe, expect, it } from 'vitest';
import { COLLECTION_FUNCTIONS } from '../../src/engine/functions/registry.js';
import type { CanonicalRecord } from '../../src/model/records.js';
import { BASELINE, evaluateCase, ingestCase, loadCaseTables } from './case-runner.js';

const key = (f: { kind: string; identity: string }) => `${f.kind}\u0000${f.identity}`;

describe('a truncated property never turns into a pass or a fail', () => {
  for (const table of loadCaseTables()) {
    it(table.rule, async () => {
      const rule = BASELINE.rules.find((r) => r.id === table.rule);
      expect(rule).toBeDefined();
      const fn = rule?.check ? COLLECTION_FUNCTIONS[rule.check.function] : undefined;
      const kinds = new Set([rule?.given.kind, ...(fn?.kinds(rule?.check?.options ?? {}) ?? [])]);
      const broken: string[] = [];
      let tried = 0;
      for (const c of table.cases) {
        const { records, summary } = await ingestCase(c);
        const before = new Map(evaluateCase(c, records, summary, [table.rule]).map((f) => [key(f), f.verdict]));
        for (const record of records.filter((r: CanonicalRecord) => kinds.has(r.kind))) {
          for (const prop of Object.keys(record.props)) {
            const value = record.props[prop];
            if (value === null || typeof value !== 'object') continue;
            tried++;
            delete record.props[prop];
            record.unreadable[prop] = { reason: 'truncated', detail: 'System.Collections.ArrayList' };
            const after = evaluateCase(c, records, summary, [table.rule]);
            record.props[prop] = value;
            delete record.unreadable[prop];
            const afterMap = new Map(after.map((f) => [key(f), f.verdict]));
            const anyError = after.some((f) => f.verdict === 'error');
            for (const [k, v] of before) {
              const now = afterMap.get(k);
              if (now === v || now === 'error' || (now === undefined && anyError)) continue;
              broken.push(`${c.name}: ${record.identity}.${prop} cut off: ${k.replace('\u0000', '/')} ${v} → ${now ?? 'absent'}`);
            }
            for (const [k, now] of afterMap) if (!before.has(k) && now !== 'error' && now !== 'not_applicable') broken.push(`${c.name}: ${record.identity}.${prop} cut off: new ${k.replace('\u0000', '/')} ${now}`);
          }
        }
      }
      expect(broken, `${tried} truncations tried`).toEqual([]);
    });
  }
});
