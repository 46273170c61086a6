import { describe, expect, it } from 'vitest';
import { loadCaseTables, runCase } from './case-runner.js';

describe('rule case tables', () => {
  for (const table of loadCaseTables()) {
    describe(table.rule, () => {
      for (const c of table.cases) {
        it(c.name, async () => {
          const findings = (await runCase(c)).filter((f) => f.ruleId === table.rule);
          for (const e of c.expect) {
            const found = findings.filter((f) => f.identity === e.identity && (!e.kind || f.kind === e.kind));
            if (e.absent) {
              expect(found, `${table.rule} ${e.identity} should not be evaluated`).toEqual([]);
              continue;
            }
            expect(found.map((f) => f.verdict), `${table.rule} ${e.identity}: ${findings.map((f) => `${f.identity}=${f.verdict}/${f.severity}: ${f.message}`).join(' | ')}`).toEqual([e.verdict]);
            if (e.severity) expect(found[0]?.severity, `${table.rule} ${e.identity} severity`).toBe(e.severity);
            // The fix, exactly as findings show it (commands, restarts, then manual steps as comments).
            if (e.fix !== undefined) expect(found[0]?.remediation ?? null, `${table.rule} ${e.identity} fix`).toBe(e.fix);
          }
        });
      }
    });
  }
});
