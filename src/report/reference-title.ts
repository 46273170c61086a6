// A reference shown as a titled link ("Microsoft Learn: Set-PopSettings"), not as a bare URL.

const SITES: [RegExp, string][] = [
  [/(^|\.)learn\.microsoft\.com$|(^|\.)docs\.microsoft\.com$/, 'Microsoft Learn'],
  [/(^|\.)techcommunity\.microsoft\.com$/, 'Microsoft Tech Community'],
  [/(^|\.)github\.com$/, 'GitHub'],
  [/(^|\.)stigviewer\.com$/, 'STIG Viewer'],
];

/** Cmdlets as Microsoft spells them; a page named after one takes this casing. */
const CMDLETS = ['Set-PopSettings', 'Set-ImapSettings', 'Get-PopSettings', 'Get-ImapSettings', 'Set-CASMailbox', 'Get-CASMailbox', 'New-ClientAccessRule', 'Set-ClientAccessRule', 'Get-ClientAccessRule', 'Remove-ClientAccessRule', 'Test-ClientAccessRule', 'Get-ExchangeServer', 'Enable-ExchangeCertificate', 'Get-ExchangeCertificate', 'Set-Service', 'Get-Service'];
const BY_LOWER = new Map(CMDLETS.map((c) => [c.toLowerCase(), c]));
const WORDS: Record<string, string> = { pop3: 'POP3', imap4: 'IMAP4', imap: 'IMAP', pop: 'POP', exchange: 'Exchange', microsoft: 'Microsoft' };

/** The link text for a URL: the site, then the page it names. */
export function referenceTitle(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const site = SITES.find(([re]) => re.test(parsed.hostname))?.[1] ?? parsed.hostname.replace(/^www\./, '');
  const segment = decodeURIComponent(parsed.pathname.split('/').filter(Boolean).pop() ?? '').replace(/\.(md|html?|aspx)$/i, '');
  if (!segment) return site;
  const cmdlet = BY_LOWER.get(segment.toLowerCase());
  const page = cmdlet ?? segment.replace(/-exchange-20\d\d-help$|-help$/i, '').split(/[-_]/).map((w, i) => WORDS[w.toLowerCase()] ?? (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w)).join(' ');
  return `${site}: ${page}`;
}
