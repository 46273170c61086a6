// The input contract, fuzzed (issue 8): exports, packs, configs, waivers and saved results made of random
// and hostile values are either read (and then every output format renders) or refused with a casguard
// error naming the file on one line — never another exception (exit 3), never a hang. A fixed seed keeps
// the suite reproducible; CASGUARD_FUZZ_RUNS=5000 runs longer.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatError } from '../../src/cli/base-command.js';
import { Evaluator } from '../../src/engine/evaluate.js';
import { CasguardError } from '../../src/errors.js';
import { formatHtml } from '../../src/formatters/html.js';
import { formatJson } from '../../src/formatters/json.js';
import { formatJunit } from '../../src/formatters/junit.js';
import { formatMarkdown } from '../../src/formatters/markdown.js';
import { formatRemediation } from '../../src/formatters/remediation.js';
import { formatSarif } from '../../src/formatters/sarif.js';
import { formatText } from '../../src/formatters/text.js';
import { loadReportTemplates } from '../../src/io/templates.js';
import { loadResult } from '../../src/io/read-result.js';
import { filePackReader, loadBaseline, loadConfig, loadWaivers } from '../../src/io/read-settings.js';
import type { ScanResult } from '../../src/model/result.js';
import { buildScanResult } from '../../src/report/build-result.js';
import { parsePack } from '../../src/rulepack/load-pack.js';
import { resolvePacks, type PackReader } from '../../src/rulepack/resolve-packs.js';
import { casMailboxDeserialized, clientAccessRule, exchangeServer, protocolServices, protocolSettings } from '../support/exchange-objects.js';
import { PAYLOADS } from '../support/hostile.js';
import { ingestBytes } from '../support/ingest-helpers.js';
import { scanExamples } from '../support/scan-helpers.js';

const RUNS = Number(process.env.CASGUARD_FUZZ_RUNS ?? 60);
const SEED = 20261130;
const baseline = resolvePacks(['exchange-baseline'], filePackReader());
const templates = loadReportTemplates();
let examples: ScanResult;
let dir: string;
beforeAll(async () => {
  examples = await scanExamples();
  dir = mkdtempSync(join(tmpdir(), 'casguard-fuzz-'));
});

/** A casguard error is the contract; anything else (TypeError, RangeError…) is a bug and fails the test. */
function expectContract(err: unknown, file: string): void {
  if (!(err instanceof CasguardError)) throw err;
  expect(err.exitCode).toBe(2);
  const text = formatError(err);
  for (const line of text.split('\n')) expect(line).toMatch(/^error: /);
  expect(text).toContain(file);
}

const hostileText = fc.oneof(fc.constantFrom(...PAYLOADS, '__proto__', 'constructor', 'valueOf', 'System.Collections.ArrayList', '/Date(8640000000000001)/', '', ' '), fc.string({ maxLength: 30 }));
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileText,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(hostileText, tie('value'), { maxKeys: 3 }),
    fc.record({ toString: fc.integer() }),
  ),
})).value;

/** A real export object of some kind with some of its properties replaced by hostile values. */
const exportObject = fc
  .tuple(
    fc.constantFrom(
      () => protocolSettings('POP3', 'EX01', 'deserialized', {}),
      () => protocolSettings('IMAP4', 'EX02', 'live', {}),
      () => casMailboxDeserialized(1, {}),
      () => clientAccessRule({ Name: 'Rule' }, 'deserialized'),
      () => exchangeServer('EX01', 'SE', 'deserialized'),
      () => protocolServices('EX01', 'deserialized', {})[0],
    ),
    fc.array(fc.tuple(fc.nat(), hostileValue), { maxLength: 4 }),
    fc.array(fc.tuple(hostileText, hostileValue), { maxLength: 2 }),
  )
  .map(([make, replace, add]) => {
    const o = make() as Record<string, unknown>;
    const keys = Object.keys(o);
    for (const [i, v] of replace) o[keys[i % keys.length] as string] = v;
    for (const [k, v] of add) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
    return o;
  });

/** Every output format renders a result without throwing. */
function renderAll(result: ScanResult): void {
  formatJson(result);
  formatSarif(result);
  formatJunit(result);
  formatMarkdown(result);
  formatText(result);
  formatRemediation(result);
  formatHtml(result, templates);
}

describe('fuzzed inputs keep the contract', () => {
  it('exports: read and evaluated and rendered, or refused with a casguard error naming the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(exportObject, { minLength: 1, maxLength: 4 }).map((a) => JSON.stringify(a)), fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1'))), async (text) => {
        const file = 'fuzz-export.json';
        let ingested: Awaited<ReturnType<typeof ingestBytes>>;
        try {
          ingested = await ingestBytes(file, text);
        } catch (err) {
          expectContract(err, file);
          return;
        }
        const evaluator = new Evaluator(baseline, '2026-11-30T00:00:00Z', true);
        for (const r of ingested.records) evaluator.record(r);
        for (const kind of Object.keys(ingested.summary.kinds)) evaluator.kindPresent(kind as never);
        const result = buildScanResult({ evaluation: evaluator.finish([ingested.summary]), inputs: [ingested.summary], packs: baseline, failOn: 'high', waivers: [], now: '2026-11-30T00:00:00Z', toolVersion: '0.1.0' });
        renderAll(result);
      }),
      { seed: SEED, numRuns: RUNS * 3 },
    );
  });

  it('packs: a list of problems or a pack that evaluates, never an exception', () => {
    const rule = fc.record(
      {
        title: hostileValue,
        severity: fc.oneof(fc.constantFrom('high', 'low'), hostileValue),
        given: fc.oneof(fc.record({ kind: fc.constantFrom('PopSettings', 'CASMailbox', 'ClientAccessRule'), where: hostileValue }, { requiredKeys: ['kind'] }), hostileValue),
        then: fc.oneof(fc.record({ field: fc.constantFrom('LoginType', 'Banner', '__proto__'), equals: hostileValue }), fc.record({ fact: hostileText }), hostileValue),
        check: fc.oneof(fc.record({ function: hostileText }), hostileValue),
        message: fc.oneof(fc.record({ pass: hostileText, fail: hostileText, error: hostileText }), hostileValue),
        remediation: fc.oneof(fc.record({ run: fc.array(hostileText, { maxLength: 2 }) }), hostileValue),
        rationale: fc.constant('A rationale long enough to be valid.'),
        references: fc.constant(['x']),
      },
      { requiredKeys: ['title', 'severity', 'given', 'message', 'rationale', 'references'] },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(fc.constantFrom('X-001', 'X-002'), hostileText), rule, { maxKeys: 2 }), hostileValue, (rules, params) => {
        const text = yaml.dump({ id: 'fuzz', version: '1.0.0', extends: ['exchange-baseline'], params, rules }, { skipInvalid: true });
        const { pack, problems } = parsePack(text, 'fuzz.yaml');
        for (const p of problems) expect(p.file).toBe('fuzz.yaml');
        if (!pack) return;
        const reader: PackReader = { read: (ref, from) => (ref === 'fuzz.yaml' ? { file: ref, text } : filePackReader().read(ref, from)) };
        try {
          const resolved = resolvePacks(['fuzz.yaml'], reader);
          new Evaluator(resolved, '2026-11-30T00:00:00Z').finish([]);
        } catch (err) {
          expectContract(err, 'fuzz.yaml');
        }
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });

  it('configs, waivers and baselines: read or refused, never an exception', () => {
    fc.assert(
      fc.property(hostileValue, fc.constantFrom('config', 'waivers', 'baseline'), (data, what) => {
        const file = join(dir, `fuzz-${what}.yml`);
        writeFileSync(file, what === 'baseline' ? (JSON.stringify(data) ?? 'null') : yaml.dump({ [what === 'config' ? 'params' : 'waivers']: data }, { skipInvalid: true }));
        try {
          if (what === 'config') loadConfig(file);
          else if (what === 'waivers') loadWaivers(file);
          else loadBaseline(file);
        } catch (err) {
          expectContract(err, file);
        }
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });

  it('saved results with hostile or broken parts: refused, or rendered in every format', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('tool.version', 'generatedAt', 'findings.0.message', 'findings.0.identity', 'findings.0.ruleId', 'findings', 'inputs.0.path', 'summary', 'schemaVersion', 'rules.0.title'), hostileValue), { maxLength: 3 }), (edits) => {
        const saved = JSON.parse(formatJson(examples)) as Record<string, unknown>;
        for (const [path, value] of edits) {
          const keys = path.split('.');
          let at = saved as Record<string, unknown>;
          for (const k of keys.slice(0, -1)) at = (at?.[k] ?? {}) as Record<string, unknown>;
          if (at && typeof at === 'object') at[keys.at(-1) as string] = value;
        }
        const file = join(dir, 'fuzz-results.json');
        writeFileSync(file, JSON.stringify(saved));
        let result: ScanResult;
        try {
          result = loadResult(file);
        } catch (err) {
          expectContract(err, file);
          return;
        }
        renderAll(result);
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });
});
