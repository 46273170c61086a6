// The catalog's protocol-log rules (EXLOG-*), as the result and every report describe them.

import type { RuleSummary, Severity } from '../model/result.js';

const REF = 'https://learn.microsoft.com/exchange/configure-protocol-logging-for-pop3-and-imap4-exchange-2013-help';

export const LOG_RULES: { id: string; title: string; severity: Severity; rationale: string; references: string[] }[] = [
  { id: 'EXLOG-001', title: 'Credentials sent without TLS', severity: 'critical', rationale: 'A logon on the clear port before STLS/STARTTLS carries the password in clear (USER/PASS, LOGIN, AUTHENTICATE PLAIN/LOGIN). Critical when the server accepted it; high when refused — the password still crossed the network.', references: ['https://www.rfc-editor.org/rfc/rfc2595', REF] },
  { id: 'EXLOG-002', title: 'Privileged or Administrator logon over POP3/IMAP4', severity: 'high', rationale: 'A successful logon by the Administrator or a privileged account shows that the block of privileged mailboxes is not working.', references: ['https://learn.microsoft.com/exchange/clients/pop3-and-imap4/configure-mailbox-access?view=exchserver-2019'] },
  { id: 'EXLOG-003', title: 'Logon by a mailbox outside the allow-list', severity: 'medium', rationale: 'A successful logon by a mailbox not in the protocol allow-list confirms that the exposure found by the mailbox rules is used.', references: ['https://learn.microsoft.com/powershell/module/exchangepowershell/set-casmailbox'] },
  { id: 'EXLOG-004', title: 'Password-guessing pattern', severity: 'medium', rationale: 'POP3 and IMAP4 have no lockout-aware MFA: many failed logons from one address in a short window are password guessing (high when one then succeeds). The thresholds are tuning values (bruteForce in casguard.yml).', references: ['https://learn.microsoft.com/powershell/module/exchangepowershell/set-popsettings'] },
  { id: 'EXLOG-005', title: 'External client addresses', severity: 'info', rationale: 'In front-end logs the client address is the real client (or a load balancer that translates addresses): addresses outside the private ranges are the internet-facing exposure.', references: [REF] },
  { id: 'EXLOG-006', title: 'Direct connections to the back-end services', severity: 'medium', rationale: 'Clients never connect to the back end (1995/1993) directly: its client should always be an Exchange front end. Anything else bypasses the front end, its logging and its limits.', references: ['https://learn.microsoft.com/exchange/clients/pop3-and-imap4/pop3-and-imap4?view=exchserver-2019'] },
];

export function logRuleSummaries(counts: Map<string, { fail: number }>): RuleSummary[] {
  return LOG_RULES.map((r) => {
    const fail = counts.get(r.id)?.fail ?? 0;
    return { id: r.id, title: r.title, severity: r.severity, kind: 'ProtocolLog', pack: 'exchange-logs', rationale: r.rationale, references: r.references, counts: { pass: fail ? 0 : 1, fail, error: 0, notApplicable: 0, waived: 0, accepted: 0 } };
  });
}
