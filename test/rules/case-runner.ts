// Runs the rule case tables (test/rules/*.cases.yaml): base organisation + patch → expected verdicts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { Evaluator } from '../../src/engine/evaluate.js';
import type { Finding } from '../../src/model/result.js';
import type { CanonicalRecord, InputSummary } from '../../src/model/records.js';
import type { EvaluatedFinding } from '../../src/engine/evaluated-finding.js';
import { mergeParams, resolvePacks } from '../../src/rulepack/resolve-packs.js';
import { filePackReader } from '../../src/io/read-settings.js';
import { ingestBytes } from '../support/ingest-helpers.js';
import { baseOrganisation, BASE_PARAMS, caseKey } from './base-org.js';

/** One row of a rule's case table: a patch of the compliant base and the verdicts it must give. */
export interface RuleCase {
  name: string;
  /** `Kind/key` → properties to set on that record (null deletes a property). */
  patch?: Record<string, Record<string, unknown>>;
  /** Records to add, by kind. */
  add?: Record<string, Record<string, unknown>[]>;
  /** `Kind/key` records, or whole kinds, to leave out of the export. */
  drop?: string[];
  params?: Record<string, unknown>;
  /** Date the scan runs (default 2026-11-20T12:00:00Z). */
  now?: string;
  /** Mailboxes to add (ordinary users with POP and IMAP off), e.g. to reach 1000. */
  addMailboxes?: number;
  /** Expected findings of the case's rule; `absent` means the rule says nothing about that identity. */
  expect: { identity: string; verdict?: Finding['verdict']; severity?: Finding['severity']; kind?: string; absent?: boolean; /** The remediation text, or null for none. */ fix?: string | null }[];
}

export interface CaseTable {
  rule: string;
  cases: RuleCase[];
}

const DIR = join(import.meta.dirname, '.');
export function loadCaseTables(): CaseTable[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.cases.yaml'))
    .sort()
    .map((f) => yaml.load(readFileSync(join(DIR, f), 'utf8')) as CaseTable);
}

const packs = resolvePacks(['exchange-baseline'], filePackReader());

/** The patched organisation of a case, ingested as a bundle file: canonical records and the file summary. */
export async function ingestCase(c: RuleCase): Promise<{ records: CanonicalRecord[]; summary: InputSummary }> {
  const org = baseOrganisation();
  for (const ref of c.drop ?? []) {
    const [kind, key] = ref.split(/\/(.*)/s) as [string, string | undefined];
    if (key === undefined) delete org[kind];
    else org[kind] = (org[kind] ?? []).filter((r) => caseKey(kind, r) !== key);
  }
  for (const [ref, props] of Object.entries(c.patch ?? {})) {
    const [kind, key] = ref.split(/\/(.*)/s) as [string, string];
    const record = (org[kind] ?? []).find((r) => caseKey(kind, r) === key);
    if (!record) throw new Error(`case "${c.name}": no ${ref} in the base organisation`);
    for (const [k, v] of Object.entries(props)) {
      if (v === null && k.startsWith('-')) delete record[k.slice(1)];
      else record[k] = v;
    }
  }
  for (const [kind, records] of Object.entries(c.add ?? {})) org[kind] = [...(org[kind] ?? []), ...records];
  for (let i = 0; i < (c.addMailboxes ?? 0); i++) {
    org.CASMailbox = [...(org.CASMailbox ?? []), { Identity: `corp.contoso.com/Staff/extra${i}`, Name: `extra${i}`, SamAccountName: `extra${i}`, PopEnabled: false, ImapEnabled: false }];
  }
  return ingestBytes('bundle.json', JSON.stringify(org));
}

/** Evaluates records with the case's params and clock: every rule, or only `ruleIds`. */
export function evaluateCase(c: RuleCase, records: readonly CanonicalRecord[], summary: InputSummary, ruleIds?: readonly string[]): EvaluatedFinding[] {
  const rules = ruleIds ? packs.rules.filter((r) => ruleIds.includes(r.id)) : packs.rules;
  const resolved = { ...packs, rules, params: mergeParams(mergeParams(packs.params, BASE_PARAMS), c.params ?? {}) };
  const evaluator = new Evaluator(resolved, c.now ?? '2026-11-20T12:00:00Z', true);
  for (const r of records) evaluator.record(r);
  for (const kind of Object.keys(summary.kinds)) evaluator.kindPresent(kind as never);
  return evaluator.finish([summary]).findings as EvaluatedFinding[];
}

/** Builds the patched organisation, ingests it as a bundle file and evaluates the whole pack. */
export async function runCase(c: RuleCase): Promise<Finding[]> {
  const { records, summary } = await ingestCase(c);
  return evaluateCase(c, records, summary);
}

/** The resolved built-in pack the cases run against. */
export const BASELINE = packs;
