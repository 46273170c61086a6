import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePack } from '../../src/rulepack/load-pack.js';
import { resolvePacks } from '../../src/rulepack/resolve-packs.js';
import { filePackReader } from '../../src/io/read-settings.js';
import { ROOT } from '../support/run-cli.js';
import { loadCaseTables } from './case-runner.js';

const range = (prefix: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}-${String(from + i).padStart(3, '0')}`);

// Every rule of ../shared/rule-catalog.md except the protocol-log rules (EXLOG-*) and the two-export
// comparisons EXX-006/EXX-007, which belong to `casguard logs` and `casguard drift`.
const CATALOG_IDS = [
  ...range('EXPOP', 1, 17),
  ...range('EXIMAP', 1, 18),
  ...range('EXCAS', 1, 6),
  ...range('EXCAR', 1, 12),
  ...range('EXSVC', 1, 4),
  ...range('EXSRV', 1, 2),
  ...range('EXX', 1, 5),
  'EXX-008',
].sort();

describe('the exchange-baseline catalogue', () => {
  const text = readFileSync(join(ROOT, 'rules', 'exchange-baseline.yaml'), 'utf8');
  const packs = resolvePacks(['exchange-baseline'], filePackReader());
  const tables = new Map(loadCaseTables().map((t) => [t.rule, t]));

  it('validates with no problems and starts with the editor schema comment', () => {
    expect(parsePack(text, 'exchange-baseline.yaml').problems).toEqual([]);
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../src/rulepack/rule-pack.schema.json');
  });

  it('implements exactly the catalog rules, with their ids', () => {
    expect(packs.rules.map((r) => r.id)).toEqual(CATALOG_IDS);
  });

  it('has the four headline checks with the severities the catalog gives', () => {
    const sev = Object.fromEntries(packs.rules.map((r) => [r.id, r.severity]));
    expect([sev['EXPOP-001'], sev['EXIMAP-001'], sev['EXCAS-001'], sev['EXPOP-010'], sev['EXIMAP-010'], sev['EXCAR-005']]).toEqual(['critical', 'critical', 'high', 'high', 'high', 'critical']);
  });

  for (const rule of packs.rules) {
    it(`${rule.id} has text, a remediation, references and a case table with a pass and a fail`, () => {
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.rationale.length).toBeGreaterThan(40);
      expect(rule.remediation !== undefined || rule.check !== undefined, 'a remediation, or a function that computes one').toBe(true);
      expect(rule.references.length).toBeGreaterThan(0);
      const table = tables.get(rule.id);
      expect(table, `test/rules/${rule.id}.cases.yaml`).toBeDefined();
      const verdicts = new Set(table?.cases.flatMap((c) => c.expect.map((e) => e.verdict)));
      expect(verdicts.has('pass'), 'a passing case').toBe(true);
      expect(verdicts.has('fail'), 'a failing case').toBe(true);
    });
  }

  it('has no case table for a rule that does not exist', () => {
    expect([...tables.keys()].filter((id) => !CATALOG_IDS.includes(id))).toEqual([]);
  });
});
