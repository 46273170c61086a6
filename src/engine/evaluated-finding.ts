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

/**
 * A finding whose message, fix and fingerprint are rendered only when read (a scan of a million
 * mailboxes keeps hundreds of thousands of findings, most never shown in full). It serialises to the
 * plain JSON object of DESIGN §6; the structured fix stays in memory for the remediation script.
 */
export class EvaluatedFinding implements Finding {
  server?: string;
  name?: string;
  field?: string;
  expected?: string;
  actual?: string;
  waiver?: AppliedWaiver;
  accepted?: boolean;
  /** Text that replaces the message (not-applicable reasons, noneApply). */
  messageOverride?: string;
  /** Why the verdict is what it is: fills {{detail}} (for an error, what could not be read). */
  detail?: string;
  /** A fix computed by a collection function. */
  fixOverride?: Fix;
  /** Record properties the templates read (only those), and computed `fix.*` values. */
  props?: Record<string, unknown>;
  private cachedFingerprint?: string;

  constructor(
    readonly ruleId: string,
    public verdict: Verdict,
    public severity: Severity,
    readonly kind: string,
    readonly identity: string,
    readonly source: SourceRef,
    private readonly templates: RuleTemplates,
  ) {}

  private vars(): Record<string, string | undefined> {
    return { identity: this.identity, server: this.server, name: this.name, kind: this.kind, field: this.field, expected: this.expected, actual: this.actual, detail: this.detail, ruleId: this.ruleId };
  }

  get message(): string {
    if (this.messageOverride !== undefined || this.verdict === 'not_applicable') return this.messageOverride ?? this.detail ?? 'not applicable';
    return renderTemplate(this.templates.message[this.verdict], this.vars(), this.props ?? {});
  }

  /** The fix of a failing finding; none for any other verdict (without evidence there is nothing to change). */
  get fix(): Fix | undefined {
    if (this.verdict !== 'fail') return undefined;
    if (this.fixOverride) return this.fixOverride;
    if (!this.templates.fix) return undefined;
    const fix = buildFix(this.templates.fix, this.vars(), this.props ?? {}, this.server, protocolOfKind(this.kind as ExportKind));
    return fix.commands.length || fix.manual.length ? fix : undefined;
  }

  get remediation(): string | undefined {
    const fix = this.fix;
    return fix ? fixText(fix) : undefined;
  }

  get fingerprint(): string {
    return (this.cachedFingerprint ??= fingerprint(this.ruleId, this.kind, this.identity, this.field));
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
