import type { Fix } from '../model/fix.js';
import type { AppliedWaiver, Finding, Severity, Verdict } from '../model/result.js';
import type { SourceRef } from '../model/records.js';
import { fixText } from '../powershell/render-fix.js';
import { fingerprint } from '../report/fingerprint.js';
import { renderTemplate, type CompiledTemplate } from '../report/render-template.js';
import type { FixTemplate } from '../rulepack/fix-template.js';
import { buildFix } from './build-fix.js';
import { protocolOfKind } from './scan-context.js';
import type { ExportKind } from '../model/export-kind.js';

/** The templates of one rule, compiled once: a message per verdict and the remediation. */
export interface RuleTemplates {
  message: Record<'pass' | 'fail' | 'error', CompiledTemplate>;
  fix?: FixTemplate;
}

/** What the findings of one rule share (most findings of a rule have the same kind, field and expected value). */
export interface FindingRule {
  readonly ruleId: string;
  readonly kind: string;
  readonly templates: RuleTemplates;
  readonly field?: string;
  readonly expected?: string;
}

/** What the findings of one record share: a mailbox failing several rules holds one of these. */
export interface FindingSubject {
  readonly identity: string;
  readonly server?: string;
  readonly name?: string;
  readonly source: SourceRef;
}

/** What few findings carry: waivers, overrides, why a verdict is an error. */
interface FindingExtra {
  waiver?: AppliedWaiver;
  accepted?: boolean;
  messageOverride?: string;
  detail?: string;
  fixOverride?: Fix;
}

/**
 * A finding whose message, fix and fingerprint are rendered only when read (a scan of a million
 * mailboxes keeps hundreds of thousands of findings, most never shown in full). What the findings of a
 * rule or of a record share is held once (FindingRule, FindingSubject), and the rare fields in an extra
 * object, so a finding is a handful of slots. It serialises to the plain JSON object of DESIGN §6; the
 * structured fix stays in memory for the remediation script.
 */
export class EvaluatedFinding implements Finding {
  actual?: string;
  /** Record properties the templates read (only those), and computed `fix.*` values. */
  props?: Record<string, unknown>;
  private extra?: FindingExtra;

  constructor(
    private readonly rule: FindingRule,
    private readonly subject: FindingSubject,
    public verdict: Verdict,
    public severity: Severity,
  ) {}

  get ruleId(): string {
    return this.rule.ruleId;
  }
  get kind(): string {
    return this.rule.kind;
  }
  get field(): string | undefined {
    return this.rule.field;
  }
  get expected(): string | undefined {
    return this.rule.expected;
  }
  get identity(): string {
    return this.subject.identity;
  }
  get server(): string | undefined {
    return this.subject.server;
  }
  get name(): string | undefined {
    return this.subject.name;
  }
  get source(): SourceRef {
    return this.subject.source;
  }
  /** The shared subject itself (a scan worker numbers subjects by it). */
  get subjectRef(): FindingSubject {
    return this.subject;
  }
  get waiver(): AppliedWaiver | undefined {
    return this.extra?.waiver;
  }
  set waiver(waiver: AppliedWaiver | undefined) {
    (this.extra ??= {}).waiver = waiver;
  }
  get accepted(): boolean | undefined {
    return this.extra?.accepted;
  }
  set accepted(accepted: boolean | undefined) {
    (this.extra ??= {}).accepted = accepted;
  }
  /** Text that replaces the message (not-applicable reasons, noneApply). */
  get messageOverride(): string | undefined {
    return this.extra?.messageOverride;
  }
  set messageOverride(text: string | undefined) {
    (this.extra ??= {}).messageOverride = text;
  }
  /** Why the verdict is what it is: fills {{detail}} (for an error, what could not be read). */
  get detail(): string | undefined {
    return this.extra?.detail;
  }
  set detail(text: string | undefined) {
    (this.extra ??= {}).detail = text;
  }
  /** A fix computed by a collection function. */
  get fixOverride(): Fix | undefined {
    return this.extra?.fixOverride;
  }
  set fixOverride(fix: Fix | undefined) {
    (this.extra ??= {}).fixOverride = fix;
  }

  private vars(): Record<string, string | undefined> {
    return { identity: this.identity, server: this.server, name: this.name, kind: this.kind, field: this.field, expected: this.expected, actual: this.actual, detail: this.detail, ruleId: this.ruleId };
  }

  get message(): string {
    if (this.messageOverride !== undefined || this.verdict === 'not_applicable') return this.messageOverride ?? this.detail ?? 'not applicable';
    return renderTemplate(this.rule.templates.message[this.verdict], this.vars(), this.props ?? {});
  }

  /** The fix of a failing finding; none for any other verdict (without evidence there is nothing to change). */
  get fix(): Fix | undefined {
    if (this.verdict !== 'fail') return undefined;
    if (this.fixOverride) return this.fixOverride;
    if (!this.rule.templates.fix) return undefined;
    const fix = buildFix(this.rule.templates.fix, this.vars(), this.props ?? {}, this.server, protocolOfKind(this.kind as ExportKind));
    return fix.commands.length || fix.manual.length ? fix : undefined;
  }

  get remediation(): string | undefined {
    const fix = this.fix;
    return fix ? fixText(fix) : undefined;
  }

  /** Computed when read, not kept: a cached fingerprint per finding costs more memory than hashing again. */
  get fingerprint(): string {
    return fingerprint(this.ruleId, this.kind, this.identity, this.field);
  }

  toJSON(): Finding {
    const remediation = this.remediation;
    return {
      ruleId: this.ruleId,
      verdict: this.verdict,
      severity: this.severity,
      kind: this.kind,
      identity: this.identity,
      ...(this.server !== undefined ? { server: this.server } : {}),
      ...(this.name !== undefined ? { name: this.name } : {}),
      ...(this.field !== undefined ? { field: this.field } : {}),
      ...(this.expected !== undefined ? { expected: this.expected } : {}),
      ...(this.actual !== undefined ? { actual: this.actual } : {}),
      message: this.message,
      ...(remediation !== undefined ? { remediation } : {}),
      ...(this.waiver ? { waiver: this.waiver } : {}),
      ...(this.accepted ? { accepted: true } : {}),
      fingerprint: this.fingerprint,
      source: this.source,
    };
  }
}
