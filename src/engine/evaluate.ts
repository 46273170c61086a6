import { KIND_CMDLETS, type ExportKind } from '../model/export-kind.js';
import type { CanonicalRecord, InputSummary, SourceRef } from '../model/records.js';
import type { Finding, Inventory, Severity, Verdict } from '../model/result.js';
import { buildInventory } from './inventory.js';
import { displayValue, formatValue } from '../report/format-value.js';
import { compileTemplate } from '../report/render-template.js';
import { compileFixTemplate, fixPlaceholders } from '../rulepack/fix-template.js';
import { FIX_VALUES, type FixValue } from './fix-values.js';
import { FIXED_PLACEHOLDERS } from '../rulepack/load-pack.js';
import { EvaluatedFinding, type FindingRule, type FindingSubject, type RuleTemplates } from './evaluated-finding.js';
import type { ResolvedPacks, ResolvedRule } from '../rulepack/types.js';
import { compileCondition, conditionFacts, conditionFields, type ConditionProblem } from './compile-condition.js';
import type { Check, FactSource, Subject } from './evaluation-context.js';
import { FACTS } from './facts.js';
import { COLLECTION_FUNCTIONS } from './functions/registry.js';
import type { CollectionFunction, CollectionInput, MailboxStats, Outcome } from './functions/types.js';
import { decodeFindings, encodeFindings, type FindingEntry, type PartialEvaluation, type SegmentPlace } from './partial-evaluation.js';
import { protocolOfKind, ScanContext, serverKey } from './scan-context.js';
import { isProtocolService } from '../normalize/kinds/service.js';
import { isUnknown, Unknown, type Tri } from './tri.js';

/** Verdict counts of one rule. */
export interface RuleCounts {
  pass: number;
  fail: number;
  error: number;
  notApplicable: number;
}

interface CompiledRule {
  rule: ResolvedRule;
  templates: RuleTemplates;
  /** What its findings share (kind, field and expected as the rule states them). */
  findingRule: FindingRule;
  /** The rule's actual-value texts, one string each ("PopEnabled true, ImapEnabled true" for 900,000 mailboxes). */
  actuals: Map<string, string>;
  /** Record properties the templates read (copied onto each finding). */
  templateProps: string[];
  /** `fix.*` values the remediation computes from a failing record. */
  fixValues: string[];
  /** The rule's `field`, split into its properties ("PopEnabled, ImapEnabled"). */
  fields: string[];
  where?: Check;
  then?: Check;
  fn?: CollectionFunction;
  severityWhen: { when: Check; severity: Severity }[];
  /** Properties the severity conditions read (kept with streamed findings until the end). */
  severityFields: string[];
  counts: RuleCounts;
  applied: number;
}

/** A finding of a streamed (per-mailbox) rule whose severity waits for the whole scan's context. */
interface PendingFinding {
  finding: EvaluatedFinding;
  compiled: CompiledRule;
  /** The values the severity conditions read. */
  record: CanonicalRecord;
}

/** What evaluation produced: findings (sorted later), per-rule counts, notes for the reader. */
export interface Evaluation {
  findings: Finding[];
  counts: Map<string, RuleCounts>;
  notes: string[];
  inventory: Inventory;
}

function compileOrThrow(cond: unknown, path: string): Check {
  const problems: ConditionProblem[] = [];
  const check = compileCondition(cond, path, problems);
  if (problems.length) throw new Error(`rule pack was not validated: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return check;
}

/**
 * Evaluates every rule of the resolved packs. Records arrive one by one (`record`): mailboxes are
 * checked as they stream past and only their failures kept; the other kinds are small and kept until
 * `finish`, when the scan context (services, servers) is complete.
 */
export class Evaluator implements FactSource {
  readonly params: Readonly<Record<string, unknown>>;
  private readonly context: ScanContext;
  private readonly rules: CompiledRule[];
  private readonly streamed: CompiledRule[];
  private readonly deferred = new Map<ExportKind, CanonicalRecord[]>();
  /** Streamed findings whose severity reads the record (kept with a slim copy of it). */
  private readonly pending: PendingFinding[] = [];
  /** Streamed findings whose severity depends only on the scan: one severity per rule, decided at the end. */
  private readonly pendingByRule = new Map<CompiledRule, EvaluatedFinding[]>();
  private readonly findings: EvaluatedFinding[] = [];
  private readonly stats: MailboxStats = { total: 0, popEnabled: 0, imapEnabled: 0, popEnabledOutsideAllowList: 0, imapEnabledOutsideAllowList: 0 };
  private readonly notable: Inventory['mailboxes']['notable'] = [];

  constructor(
    packs: ResolvedPacks,
    private readonly now: string,
    private readonly allFindings = false,
    /**
     * Decides which per-mailbox findings are kept (drift keeps only those that changed): called for
     * each one (passes too when `allFindings`); a finding it refuses is only counted.
     */
    private readonly keepMailboxFinding?: (ruleId: string, identity: string, verdict: Verdict) => boolean,
  ) {
    this.params = packs.params;
    this.context = new ScanContext(packs.params, now);
    this.rules = packs.rules.map((rule) => this.compile(rule));
    this.streamed = this.rules.filter((c) => c.rule.given.kind === 'CASMailbox' && c.then);
  }

  private compile(rule: ResolvedRule): CompiledRule {
    const path = `/rules/${rule.id}`;
    const severityWhen = (rule.severityWhen ?? []).map((s, i) => ({ when: compileOrThrow(s.when, `${path}/severityWhen/${i}`), severity: s.severity }));
    const fields = new Set<string>();
    for (const s of rule.severityWhen ?? []) {
      conditionFields(s.when, fields);
      // Mailbox facts read the mailbox's names: keep those with a pending finding too.
      for (const f of conditionFacts(s.when)) if (FACTS[f] && !FACTS[f].needsContext) MAILBOX_NAME_FIELDS.forEach((n) => fields.add(n));
    }
    const fix = rule.remediation ? compileFixTemplate(rule.remediation).fix : undefined;
    const message = { pass: compileTemplate(rule.message.pass), fail: compileTemplate(rule.message.fail), error: compileTemplate(rule.message.error) };
    const templates: RuleTemplates = { message, ...(fix ? { fix } : {}) };
    const names = new Set([...message.pass.names, ...message.fail.names, ...message.error.names, ...(fix ? fixPlaceholders(fix) : [])]);
    const templateProps = [...names].filter((n) => !FIXED_PLACEHOLDERS.includes(n) && !n.startsWith('fix.'));
    const fixValues = [...names].filter((n) => n.startsWith('fix.')).map((n) => n.slice(4));
    return {
      rule,
      templates,
      actuals: new Map(),
      findingRule: { ruleId: rule.id, kind: rule.given.kind, templates, ...(rule.field ? { field: rule.field } : {}), ...(rule.expected !== undefined ? { expected: rule.expected } : {}) },
      templateProps,
      fixValues,
      fields: (rule.field ?? '').split(',').map((f) => f.trim()).filter(Boolean),
      where: rule.given.where ? compileOrThrow(rule.given.where, `${path}/given/where`) : undefined,
      then: rule.then ? compileOrThrow(rule.then, `${path}/then`) : undefined,
      fn: rule.check ? COLLECTION_FUNCTIONS[rule.check.function] : undefined,
      severityWhen,
      severityFields: [...fields],
      counts: { pass: 0, fail: 0, error: 0, notApplicable: 0 },
      applied: 0,
    };
  }

  fact(name: string, subject: Subject, options: Record<string, unknown>): Tri {
    const fact = FACTS[name];
    return fact ? fact.evaluate(subject, this.context, options) : new Unknown(`unknown fact ${name}`);
  }

  /** Takes one record from ingest. */
  record(record: CanonicalRecord): void {
    // Other services of the machine (a full Get-Service export) say nothing about POP3/IMAP4 or Exchange.
    if (record.kind === 'Service' && !isProtocolService(record)) return;
    this.context.kindsPresent.add(record.kind);
    if (record.kind !== 'CASMailbox') {
      let list = this.deferred.get(record.kind);
      if (!list) this.deferred.set(record.kind, (list = []));
      list.push(record);
      this.context.addRecord(record);
      return;
    }
    const subject: Subject = { record };
    this.countMailbox(subject);
    for (const compiled of this.streamed) {
      const finding = this.evaluateRecord(compiled, record, subject, this.keepStreamed);
      if (finding) {
        if (compiled.severityFields.length) {
          this.pending.push({ finding, compiled, record: slim(record, compiled.severityFields) });
        } else {
          let list = this.pendingByRule.get(compiled);
          if (!list) this.pendingByRule.set(compiled, (list = []));
          list.push(finding);
        }
      }
    }
  }

  /** The mailbox part of this evaluation as plain data (a scan worker's result); only mailboxes were given. */
  partial(): PartialEvaluation {
    const ruleIndex = new Map(this.rules.map((c, i) => [c, i]));
    const entries: FindingEntry[] = this.pending.map((p) => ({ finding: p.finding, rule: ruleIndex.get(p.compiled) as number, record: p.record }));
    for (const [compiled, findings] of this.pendingByRule) for (const finding of findings) entries.push({ finding, rule: ruleIndex.get(compiled) as number });
    return {
      counts: this.rules.map((c) => [c.counts.pass, c.counts.fail, c.counts.error, c.counts.notApplicable, c.applied]),
      stats: { ...this.stats },
      notable: this.notable,
      ...encodeFindings(entries),
    };
  }

  /**
   * Takes a worker's evaluation of a segment of mailboxes, as if its records had been given here in
   * order: counts, statistics, the first notable mailboxes and every finding, with positions made the file's.
   */
  merge(part: PartialEvaluation, place: SegmentPlace): void {
    this.context.kindsPresent.add('CASMailbox');
    part.counts.forEach(([pass, fail, error, notApplicable, applied], i) => {
      const c = this.rules[i] as CompiledRule;
      c.counts.pass += pass;
      c.counts.fail += fail;
      c.counts.error += error;
      c.counts.notApplicable += notApplicable;
      c.applied += applied;
    });
    for (const k of Object.keys(this.stats) as (keyof MailboxStats)[]) this.stats[k] += part.stats[k];
    for (const n of part.notable) if (this.notable.length < 500) this.notable.push(n);
    for (const d of decodeFindings(part, place)) {
      const compiled = this.rules[d.rule] as CompiledRule;
      const f = new EvaluatedFinding(compiled.findingRule, d.subject, d.verdict, compiled.rule.severity);
      if (d.actual !== undefined) f.actual = d.actual;
      if (d.extras?.detail !== undefined) f.detail = d.extras.detail;
      if (d.extras?.props) f.props = d.extras.props;
      if (d.pending) {
        const slim = d.extras?.severityRecord;
        this.pending.push({ finding: f, compiled, record: { kind: 'CASMailbox', identity: d.subject.identity, props: slim?.props ?? {}, raw: {}, unreadable: slim?.unreadable ?? {}, source: d.subject.source } });
      } else {
        let list = this.pendingByRule.get(compiled);
        if (!list) this.pendingByRule.set(compiled, (list = []));
        list.push(f);
      }
    }
  }

  /** Marks kinds present even when their exports hold zero records (an empty ClientAccessRule.json). */
  kindPresent(kind: ExportKind): void {
    this.context.kindsPresent.add(kind);
  }

  private countMailbox(subject: Subject): void {
    const record = subject.record;
    this.stats.total++;
    const pop = record.props.PopEnabled === true;
    const imap = record.props.ImapEnabled === true;
    if (pop) this.stats.popEnabled++;
    if (imap) this.stats.imapEnabled++;
    if (pop && this.fact('inAllowList', subject, POP) !== true) this.stats.popEnabledOutsideAllowList++;
    if (imap && this.fact('inAllowList', subject, IMAP) !== true) this.stats.imapEnabledOutsideAllowList++;
    const role = this.fact('adminMailbox', subject, {}) === true ? 'administrator' : this.fact('privilegedMailbox', subject, {}) === true ? 'privileged' : this.fact('systemMailbox', subject, {}) === true ? 'system' : undefined;
    if (role && this.notable.length < 500) {
      const name = str(record.props.DisplayName) ?? str(record.props.Name) ?? record.identity;
      this.notable.push({ identity: record.identity, name, role, pop: formatValue(record.props.PopEnabled), imap: formatValue(record.props.ImapEnabled) });
    }
  }

  /** The last record's subject, shared by the findings of every rule failing on it. */
  private lastSubject?: { record: CanonicalRecord; subject: FindingSubject };

  private subjectOf(o: Outcome): FindingSubject {
    const record = o.record;
    const plain = record !== undefined && o.identity === record.identity && o.name === undefined && o.server === undefined && o.source === undefined;
    if (plain && this.lastSubject?.record === record) return this.lastSubject.subject;
    const name = o.name ?? (record?.kind === 'CASMailbox' ? str(record.props.DisplayName) ?? str(record.props.Name) : undefined);
    const server = o.server ?? record?.server;
    const subject: FindingSubject = { identity: o.identity, source: o.source ?? record?.source ?? NO_SOURCE, ...(server ? { server } : {}), ...(name ? { name } : {}) };
    if (plain) this.lastSubject = { record, subject };
    return subject;
  }

  /** Applies a per-record rule; undefined when `where` excludes the record. Severity is final only after finish(). */
  /** Whether a streamed mailbox finding is built and kept, decided before building it: a million mailboxes' passes are only counted. */
  private readonly keepStreamed = (compiled: CompiledRule, identity: string, verdict: Verdict): boolean =>
    (verdict !== 'pass' || this.allFindings) && (!this.keepMailboxFinding || this.keepMailboxFinding(compiled.rule.id, identity, verdict));

  private evaluateRecord(compiled: CompiledRule, record: CanonicalRecord, subject: Subject = { record }, keep?: (compiled: CompiledRule, identity: string, verdict: Verdict) => boolean): EvaluatedFinding | undefined {
    const applies = compiled.where ? compiled.where(subject, this) : true;
    if (applies === false) return undefined;
    compiled.applied++;
    let verdict: Exclude<Verdict, 'not_applicable'>;
    let detail: string | undefined;
    if (isUnknown(applies)) {
      verdict = 'error';
      detail = `cannot tell whether the rule applies: ${applies.reason}`;
    } else {
      const result = compiled.then ? compiled.then(subject, this) : true;
      verdict = result === true ? 'pass' : result === false ? 'fail' : 'error';
      if (isUnknown(result)) detail = `cannot evaluate: ${result.reason}`;
    }
    compiled.counts[verdict]++;
    if (keep && !keep(compiled, record.identity, verdict)) return undefined;
    const field = compiled.rule.field;
    return this.makeFinding(compiled, { identity: record.identity, verdict, record, field, expected: compiled.rule.expected, actual: field ? intern(compiled.actuals, describeFields(record, compiled.fields)) : undefined, detail });
  }

  /** The first severityWhen entry that holds for the record, else the rule's severity. */
  private severityOf(compiled: CompiledRule, record: CanonicalRecord | undefined): Severity {
    if (record) {
      for (const s of compiled.severityWhen) if (s.when({ record }, this) === true) return s.severity;
    }
    return compiled.rule.severity;
  }

  private makeFinding(compiled: CompiledRule, o: Outcome): EvaluatedFinding {
    const rule = compiled.rule;
    const record = o.record;
    const kind = o.kind ?? rule.given.kind;
    const field = o.field || undefined;
    const shared = compiled.findingRule;
    const findingRule: FindingRule = kind === shared.kind && field === shared.field && o.expected === shared.expected ? shared : { ruleId: rule.id, kind, templates: compiled.templates, ...(field ? { field } : {}), ...(o.expected !== undefined ? { expected: o.expected } : {}) };
    const f = new EvaluatedFinding(findingRule, this.subjectOf(o), o.verdict, o.severity ?? rule.severity);
    if (o.actual !== undefined) f.actual = o.actual;
    if (o.detail !== undefined) f.detail = o.detail;
    if (o.verdict === 'not_applicable' && o.detail) f.messageOverride = o.detail;
    if (o.fix) f.fixOverride = o.fix;
    if (record && (compiled.templateProps.length || (o.verdict === 'fail' && compiled.fixValues.length))) {
      f.props = {};
      for (const p of compiled.templateProps) if (Object.hasOwn(record.props, p)) f.props[p] = record.props[p];
      if (o.verdict === 'fail') {
        const protocol = protocolOfKind(record.kind);
        for (const name of compiled.fixValues) f.props[`fix.${name}`] = (FIX_VALUES[name] as FixValue).compute(record, this.params, protocol);
      }
    }
    return f;
  }

  /** Evaluates everything that needed the whole scan and returns all findings. */
  finish(inputs: readonly InputSummary[]): Evaluation {
    this.canonicaliseServerNames();
    const notes: string[] = [];
    if (!this.context.hasServiceData && (this.context.kindsPresent.has('PopSettings') || this.context.kindsPresent.has('ImapSettings'))) {
      notes.push('no Get-Service export: POP3 and IMAP4 are assumed to be in use wherever that changes a verdict or severity');
    }
    // An empty Get-CASMailbox export of an organisation with servers is missing evidence, not "no mailboxes".
    const emptyMailboxes = this.context.kindsPresent.has('CASMailbox') && this.stats.total === 0 && ['PopSettings', 'ImapSettings', 'ExchangeServer'].some((k) => (this.deferred.get(k as ExportKind)?.length ?? 0) > 0);
    if (emptyMailboxes) notes.push('the Get-CASMailbox export holds no mailbox although servers were exported: the mailbox rules report errors; export again with Get-CASMailbox -ResultSize Unlimited');
    for (const compiled of this.rules) {
      const kind = compiled.rule.given.kind;
      if (emptyMailboxes && kind === 'CASMailbox') {
        compiled.counts.error++;
        this.findings.push(this.makeFinding(compiled, { identity: 'CASMailbox', verdict: 'error', detail: 'the Get-CASMailbox export holds no mailbox although servers were exported' }));
        continue;
      }
      if (compiled.fn) {
        this.evaluateFunction(compiled, inputs, notes);
        continue;
      }
      if (!this.context.kindsPresent.has(kind)) {
        this.notApplicable(compiled, kind, `no ${KIND_CMDLETS[kind]} export given`);
        continue;
      }
      if (kind !== 'CASMailbox') {
        for (const record of this.deferred.get(kind) ?? []) {
          const finding = this.evaluateRecord(compiled, record);
          if (finding) {
            finding.severity = this.severityOf(compiled, record);
            this.findings.push(finding);
          }
        }
      }
      if (compiled.applied === 0) {
        const none = compiled.rule.given.noneApply;
        if (none?.verdict === 'error') {
          compiled.counts.error++;
          const finding = this.makeFinding(compiled, { identity: kind, verdict: 'error', severity: none.severity ?? compiled.rule.severity });
          finding.messageOverride = none.message;
          this.findings.push(finding);
        } else {
          this.notApplicable(compiled, kind, none?.message ?? `no ${kind} record matches the rule's condition`);
        }
      }
    }
    for (const p of this.pending) {
      p.finding.severity = this.severityOf(p.compiled, p.record);
      this.findings.push(p.finding);
    }
    for (const [compiled, findings] of this.pendingByRule) {
      const severity = this.severityOf(compiled, EMPTY_MAILBOX);
      for (const f of findings) {
        f.severity = severity;
        this.findings.push(f);
      }
    }
    const missing = new Map<ExportKind, number>();
    for (const c of this.rules) {
      const kind = c.rule.given.kind;
      if (!c.fn && !this.context.kindsPresent.has(kind)) missing.set(kind, (missing.get(kind) ?? 0) + 1);
    }
    for (const [kind, n] of missing) notes.push(`no ${KIND_CMDLETS[kind]} export given: ${n} rule${n === 1 ? ' is' : 's are'} not applicable`);
    const counts = new Map(this.rules.map((c) => [c.rule.id, c.counts]));
    return { findings: this.findings, counts, notes, inventory: buildInventory(this.deferred, this.context, this.stats, this.notable) };
  }

  /** Shows one spelling per server: `ex01` from a PSComputerName FQDN becomes `EX01` as Exchange names it. */
  private canonicaliseServerNames(): void {
    const names = new Map<string, string>();
    for (const kind of ['ExchangeServer', 'PopSettings', 'ImapSettings'] as const) {
      for (const r of this.deferred.get(kind) ?? []) if (r.server) names.set(serverKey(r.server), r.server);
    }
    for (const r of this.deferred.get('Service') ?? []) {
      const name = r.server ? names.get(serverKey(r.server)) : undefined;
      if (name && r.server && name !== r.server) {
        r.identity = `${name}/${r.identity.slice(r.server.length + 1)}`;
        r.server = name;
      }
    }
  }

  private notApplicable(compiled: CompiledRule, kind: ExportKind, why: string): void {
    compiled.counts.notApplicable++;
    this.findings.push(this.makeFinding(compiled, { identity: kind, verdict: 'not_applicable', detail: why }));
  }

  private evaluateFunction(compiled: CompiledRule, inputs: readonly InputSummary[], notes: string[]): void {
    const fn = compiled.fn as CollectionFunction;
    const options = compiled.rule.check?.options ?? {};
    const kinds = fn.kinds(options);
    if (!kinds.some((k) => this.context.kindsPresent.has(k))) {
      this.notApplicable(compiled, compiled.rule.given.kind, `no ${kinds.map((k) => KIND_CMDLETS[k]).join(' or ')} export given`);
      return;
    }
    const input: CollectionInput = { records: this.deferred, context: this.context, params: this.params, options, inputs, mailboxes: this.stats, now: this.now };
    const reason = fn.precondition?.(input);
    if (reason) {
      if (!notes.includes(reason)) notes.push(reason);
      this.notApplicable(compiled, compiled.rule.given.kind, reason);
      return;
    }
    for (const o of fn.evaluate(input)) {
      compiled.counts[o.verdict === 'not_applicable' ? 'notApplicable' : o.verdict]++;
      const finding = this.makeFinding(compiled, o);
      if (!o.severity) finding.severity = this.severityOf(compiled, o.record);
      this.findings.push(finding);
    }
  }
}

/** The evidence for `field` ("PopEnabled, ImapEnabled" lists each: "PopEnabled true, ImapEnabled false"). */
/** One string per distinct text, up to a bound (a rule's actual values repeat across mailboxes; identities would not). */
function intern(texts: Map<string, string>, text: string): string {
  const kept = texts.get(text);
  if (kept !== undefined) return kept;
  if (texts.size < 1024) texts.set(text, text);
  return text;
}

function describeFields(record: CanonicalRecord, fields: readonly string[]): string {
  const one = (f: string) => {
    const bad = record.unreadable[f.includes('.') ? (f.split('.')[0] as string) : f];
    return bad ? `unreadable (${bad.detail})` : displayValue(f.includes('.') ? readPath(record.props, f) : record.props[f], f);
  };
  return fields.length === 1 ? one(fields[0] as string) : fields.map((f) => `${f} ${one(f)}`).join(', ');
}

function readPath(props: Record<string, unknown>, path: string): unknown {
  let v: unknown = props;
  for (const k of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

const POP = { protocol: 'pop' };
const IMAP = { protocol: 'imap' };
const NO_SOURCE: SourceRef = { path: '', pointer: '' };

/** Stands in for a mailbox when a rule's severity conditions read nothing of it. */
const EMPTY_MAILBOX: CanonicalRecord = { kind: 'CASMailbox', identity: '', props: {}, raw: {}, unreadable: {}, source: { path: '', pointer: '' } };

/** Mailbox properties the mailbox facts read (names for allow-lists and privileged accounts). */
const MAILBOX_NAME_FIELDS = ['SamAccountName', 'Name', 'Identity', 'PrimarySmtpAddress', 'EmailAddresses', 'DisplayName', 'Alias'];

/** A record reduced to what severity conditions read, so thousands of pending mailbox findings stay small. */
function slim(record: CanonicalRecord, fields: readonly string[]): CanonicalRecord {
  const props: Record<string, unknown> = {};
  const unreadable: CanonicalRecord['unreadable'] = {};
  for (const f of fields) {
    if (Object.hasOwn(record.props, f)) props[f] = record.props[f];
    if (Object.hasOwn(record.unreadable, f)) unreadable[f] = record.unreadable[f] as CanonicalRecord['unreadable'][string];
  }
  return { kind: record.kind, identity: record.identity, props, raw: {}, unreadable, source: record.source };
}
