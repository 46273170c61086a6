// Issue 7 §3: words that match the verdict. Every rule's message is rendered for every verdict from its
// case table (error also from a synthetic unreadable property), and read as a reader would.

import { describe, expect, it } from 'vitest';
import type { EvaluatedFinding } from '../../src/engine/evaluated-finding.js';
import { BASELINE, evaluateCase, ingestCase, loadCaseTables } from './case-runner.js';

const UNFILLED = /\{\{|\(\w+ unknown\)/;
const CONFIG_KEY = /\bparams\./;

describe('verdict-specific messages', () => {
  const tables = new Map(loadCaseTables().map((t) => [t.rule, t]));
  for (const rule of BASELINE.rules) {
    it(`${rule.id} says pass, fail and error in words of their own, with every placeholder filled`, async () => {
      expect(rule.message.pass).not.toBe(rule.message.fail);
      expect(rule.message.error).not.toBe(rule.message.fail);
      expect(rule.message.error).toContain('{{detail}}');
      for (const text of [rule.message.pass, rule.message.fail, rule.message.error, rule.expected ?? '', rule.title, rule.rationale]) expect(text).not.toMatch(CONFIG_KEY);
      const table = tables.get(rule.id);
      const findings: EvaluatedFinding[] = [];
      for (const c of table?.cases ?? []) {
        const { records, summary } = await ingestCase(c);
        findings.push(...evaluateCase(c, records, summary, [rule.id]).filter((f) => f.ruleId === rule.id));
      }
      const seen = new Set<string>();
      for (const f of findings) {
        if (f.verdict === 'not_applicable') continue;
        seen.add(f.verdict);
        const where = `${rule.id} ${f.verdict} ${f.identity}: ${f.message}`;
        expect(f.message, where).not.toMatch(UNFILLED);
        for (const text of [f.message, f.expected ?? '', f.actual ?? '']) expect(text, where).not.toMatch(CONFIG_KEY);
        if (f.verdict === 'pass') {
          // The fail wording of the same finding must not be what a pass says.
          const passText = f.message;
          f.verdict = 'fail';
          expect(f.message, where).not.toBe(passText);
          f.verdict = 'pass';
        }
        if (f.verdict === 'fail') expect(f.remediation, `${where}: a failing finding has a fix or a manual step`).toBeTruthy();
        if (f.verdict === 'error') expect(f.remediation, `${where}: no fix without evidence`).toBeUndefined();
      }
      expect([...seen]).toEqual(expect.arrayContaining(['pass', 'fail']));
      // Error wording, rendered from a real finding of the rule with an unreadable property.
      const any = findings.find((f) => f.verdict !== 'not_applicable') as EvaluatedFinding;
      any.verdict = 'error';
      any.detail = 'LoginType was cut off by ConvertTo-Json\'s depth limit';
      expect(any.message).toMatch(/could not be (checked|compared)/);
      expect(any.message).toContain('cut off by ConvertTo-Json');
      expect(any.message).not.toMatch(UNFILLED);
      expect(any.remediation).toBeUndefined();
    });
  }
});
