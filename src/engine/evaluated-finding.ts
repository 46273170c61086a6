import type { AppliedWaiver, Finding, Severity, Verdict } from '../model/result.js';
import type { SourceRef } from '../model/records.js';
import { fingerprint } from '../report/fingerprint.js';
import { renderTemplate, type CompiledTemplate } from '../report/render-template.js';

/** The templates of one rule, compiled once. */
export interface RuleTemplates {
  message: CompiledTemplate;
  remediation?: CompiledTemplate;
}

/**
 * A finding whose message, remediation and fingerprint are rendered only when read (a scan of a
 * million mailboxes keeps hundreds of thousands of findings, most never shown in full). It serialises
 * to the plain JSON object of DESIGN §6.
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
  /** Appended to the message of an error: why it could not be evaluated. */
  detail?: string;
  /** A fix computed by a collection function. */
  remediationOverride?: string;
  /** Record properties the templates read (only those). */
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
    if (this.messageOverride !== undefined) return this.messageOverride;
    const text = renderTemplate(this.templates.message, this.vars(), this.props ?? {});
    return this.verdict === 'error' && this.detail ? `${text} — ${this.detail}` : text;
  }

  get remediation(): string | undefined {
    if (this.verdict !== 'fail' && this.verdict !== 'error') return undefined;
    if (this.remediationOverride !== undefined) return this.remediationOverride;
    return this.templates.remediation ? renderTemplate(this.templates.remediation, this.vars(), this.props ?? {}, true) : undefined;
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
