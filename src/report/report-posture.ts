// What the first screen of the HTML report shows: the posture in words, the pictures (open findings by
// severity, a server × area matrix, mailbox exposure) as plain numbers the template draws, and the CSS
// that makes the filters hide a rule card once none of its rows is left. Nothing here comes from an
// export as markup: the template escapes every string.

import { SEVERITIES, type Finding, type ScanResult, type Severity } from '../model/result.js';

const RANK = new Map(SEVERITIES.map((s, i) => [s, i]));
const worse = (a: Severity, b: Severity) => ((RANK.get(a) ?? 9) <= (RANK.get(b) ?? 9) ? a : b);

/** Open: failing or erroring, not waived, not accepted in a baseline. */
export const isOpenFinding = (f: Finding) => (f.verdict === 'fail' || f.verdict === 'error') && !f.waiver && !f.accepted;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The headline in words a manager reads, the facts behind it, and the gate as a secondary line. */
export function posture(result: ScanResult) {
  const s = result.summary;
  const sev = s.bySeverity;
  const urgent = sev.critical + sev.high;
  const later = sev.medium + sev.low + sev.info;
  const checked = s.pass + s.fail + s.error;
  const rate = checked ? Math.round((s.pass / checked) * 100) : 100;
  const level = urgent > 0 ? 'bad' : later > 0 ? 'warn' : 'good';
  const urgentWords = [sev.critical ? `${sev.critical} critical` : '', sev.high ? `${sev.high} high` : ''].filter(Boolean).join(' and ');
  const headline =
    level === 'bad'
      ? `Action needed: ${urgentWords} ${urgent === 1 ? 'finding is' : 'findings are'} open`
      : level === 'warn'
        ? `No critical or high finding open; ${plural(later, 'lower-severity finding')} to plan`
        : 'No open findings: every rule that could be checked held';
  const g = result.gate;
  const gate =
    g.failOn === 'none'
      ? 'CI gate: not enforced for this report (it lists findings without failing a pipeline)'
      : g.passed
        ? `CI gate: passed — nothing is open at ${g.failOn} severity or above`
        : `CI gate: failed — findings at ${g.failOn} severity or above are open, so a pipeline using this report stops`;
  return {
    level,
    headline,
    facts: [`${rate}% of checks pass (${s.pass} of ${checked})`, plural(result.inventory.servers.length, 'server'), `${result.inventory.mailboxes.total} mailboxes covered`, s.error ? `${plural(s.error, 'check')} could not be evaluated (evidence missing)` : ''].filter(Boolean),
    gate,
  };
}

/** Horizontal bars of open findings by severity, sized for an SVG of `width`. */
export function severityChart(result: ScanResult, width = 280) {
  const counts = SEVERITIES.map((severity) => ({ severity, count: result.summary.bySeverity[severity] }));
  const max = Math.max(1, ...counts.map((c) => c.count));
  const row = 26;
  return {
    width: width + 130,
    height: counts.length * row + 8,
    summary: counts.map((c) => `${c.count} ${c.severity}`).join(', '),
    bars: counts.map((c, i) => ({ ...c, y: 4 + i * row, textY: 4 + i * row + 15, width: c.count ? Math.max(2, Math.round((c.count / max) * width)) : 0, countX: 90 + (c.count ? Math.max(2, Math.round((c.count / max) * width)) : 0) + 6 })),
  };
}

/** Stacked bars: mailboxes that can use POP3 / IMAP4, inside and outside the allow-list. */
export function exposureChart(result: ScanResult, width = 280) {
  const m = result.inventory.mailboxes;
  const privileged = m.notable.filter((n) => n.pop === 'true' || n.imap === 'true').length;
  const rows = [
    { label: 'POP3 enabled', inside: m.popEnabled - m.popOutsideAllowList, outside: m.popOutsideAllowList, note: `${m.popOutsideAllowList} outside the allow-list` },
    { label: 'IMAP4 enabled', inside: m.imapEnabled - m.imapOutsideAllowList, outside: m.imapOutsideAllowList, note: `${m.imapOutsideAllowList} outside the allow-list` },
    { label: 'Admin or privileged', inside: 0, outside: privileged, note: 'with POP3 or IMAP4' },
  ];
  const total = Math.max(1, m.total);
  const row = 30;
  return {
    width: width + 400,
    height: rows.length * row + 8,
    total: m.total,
    summary: `${m.total} mailboxes: POP3 enabled on ${m.popEnabled} (${m.popOutsideAllowList} outside the allow-list), IMAP4 on ${m.imapEnabled} (${m.imapOutsideAllowList} outside), ${privileged} administrator, privileged or system mailboxes with POP3 or IMAP4`,
    bars: rows.map((r, i) => {
      const inside = Math.round((r.inside / total) * width);
      const outside = Math.round((r.outside / total) * width);
      return { ...r, y: 4 + i * row, textY: 4 + i * row + 17, insideWidth: inside, outsideX: 150 + inside, outsideWidth: outside, countX: 150 + inside + outside + 6, count: r.inside + r.outside };
    }),
  };
}

/** The matrix's columns: the area each rule family (or, for EXX, kind) belongs to. */
export const AREAS = ['POP3', 'IMAP4', 'Services', 'Version', 'Client access rules', 'Mailboxes'] as const;
const KIND_AREA: Record<string, (typeof AREAS)[number]> = { PopSettings: 'POP3', ImapSettings: 'IMAP4', Service: 'Services', ExchangeServer: 'Version', ClientAccessRule: 'Client access rules', CASMailbox: 'Mailboxes' };

export function areaOf(f: Pick<Finding, 'ruleId' | 'kind'>): (typeof AREAS)[number] | undefined {
  const family = f.ruleId.split('-')[0];
  if (family === 'EXPOP') return 'POP3';
  if (family === 'EXIMAP') return 'IMAP4';
  return KIND_AREA[f.kind];
}

/** Servers × areas, each cell the worst open severity there (with a count and a link to its rule card). */
export function serverMatrix(result: ScanResult) {
  const servers = result.inventory.servers.map((s) => s.name);
  const known = new Set(servers);
  const ORG = 'Organisation-wide';
  const cells = new Map<string, { severity: Severity; count: number; ruleId: string }>();
  for (const f of result.findings) {
    if (!isOpenFinding(f)) continue;
    const area = areaOf(f);
    if (!area) continue;
    const row = f.server && known.has(f.server) ? f.server : ORG;
    const key = `${row}\u0000${area}`;
    const cell = cells.get(key);
    if (!cell) cells.set(key, { severity: f.severity, count: 1, ruleId: f.ruleId });
    else {
      cell.count++;
      if (worse(f.severity, cell.severity) !== cell.severity) Object.assign(cell, { severity: f.severity, ruleId: f.ruleId });
    }
  }
  const rows = [...servers, ORG].map((name) => ({
    name,
    cells: AREAS.map((area) => {
      const c = cells.get(`${name}\u0000${area}`);
      return c ? { area, severity: c.severity, label: `${c.severity} · ${c.count}`, href: `#rule-${c.ruleId}`, title: `${c.count} open in ${area} on ${name}; worst: ${c.severity} (${c.ruleId})` } : { area, severity: 'none', label: '—', href: '', title: `nothing open in ${area} on ${name}` };
    }),
  }));
  return { areas: [...AREAS], rows: rows.filter((r) => r.name !== ORG || r.cells.some((c) => c.href)) };
}

/** The kinds of rows a filter can hide: severity, verdict, waived, accepted. */
interface RowKind {
  severity: Severity;
  verdict: 'fail' | 'error';
  waived: boolean;
  accepted: boolean;
}

/** The filter boxes whose clearing hides a row of this kind (any one of them does). */
function hiders(k: RowKind): string[] {
  return [`#f-${k.severity}`, `#f-${k.verdict}`, ...(k.waived ? ['#f-waived'] : []), ...(k.accepted ? ['#f-accepted'] : [])];
}

/**
 * CSS that hides a rule card once every one of its rows is hidden by the filters (the rows hide by their
 * own severity and verdict). A card's row kinds form its signature; the card is hidden when, for every
 * kind, one of that kind's boxes is cleared — written out as one `:has()` selector per choice. Cards with
 * more than three kinds of rows are left visible rather than writing hundreds of selectors.
 */
export function cardFilterCss(cards: readonly { signature: string; kinds: readonly RowKind[] }[]): string {
  const seen = new Set<string>();
  const selectors: string[] = [];
  for (const card of cards) {
    if (seen.has(card.signature) || card.kinds.length === 0 || card.kinds.length > 3) continue;
    seen.add(card.signature);
    let choices: string[][] = [[]];
    for (const k of card.kinds) choices = choices.flatMap((c) => hiders(k).map((h) => [...c, h]));
    for (const c of choices) {
      const boxes = [...new Set(c)].sort();
      selectors.push(`body${boxes.map((b) => `:has(${b}:not(:checked))`).join('')} .rule.${card.signature}`);
    }
  }
  return selectors.length ? `${selectors.join(',\n')} { display: none; }\n` : '';
}

/** A card's row kinds and a class name for their set. */
export function cardSignature(rows: readonly RowKind[]): { signature: string; kinds: RowKind[] } {
  const kinds = new Map<string, RowKind>();
  for (const r of rows) kinds.set(`${r.severity}-${r.verdict}${r.waived ? '-w' : ''}${r.accepted ? '-a' : ''}`, r);
  const keys = [...kinds.keys()].sort();
  return { signature: `k-${keys.join('_')}`, kinds: keys.map((k) => kinds.get(k) as RowKind) };
}
