/// <reference lib="dom" />
// The callbacks passed to page.evaluate run in the browser, hence the DOM types.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDrift, type DriftRequest } from '../../src/app/run-drift.js';
import { runLogs } from '../../src/app/run-logs.js';
import { formatDriftHtml } from '../../src/formatters/drift/html.js';
import { formatHtml } from '../../src/formatters/html.js';
import { formatLogsHtml } from '../../src/formatters/logs/html.js';
import { fileExportSource } from '../../src/io/export-source.js';
import { expandInputs, isLogFileName } from '../../src/io/read-file.js';
import { readLogLines } from '../../src/io/read-log-lines.js';
import { loadLogRules } from '../../src/io/read-log-pack.js';
import { filePackReader } from '../../src/io/read-settings.js';
import { loadDriftTemplates, loadLogsTemplates, loadReportTemplates } from '../../src/io/templates.js';
import { resolvePacks } from '../../src/rulepack/resolve-packs.js';
import { writeOrg } from '../support/drift-orgs.js';
import { PAYLOADS, hostileBundle } from '../support/hostile.js';
import { ROOT } from '../support/run-cli.js';
import { scanBundle, scanExamples } from '../support/scan-helpers.js';

// Debian's chromium, installed by .ci/run; the flags keep it off this machine's closed network.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = join(ROOT, 'test', '.output');

let browser: Browser;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
});

interface Opened {
  page: Page;
  console: string[];
  requests: string[];
}

async function open(html: string, name: string, options: { javaScriptEnabled?: boolean; colorScheme?: 'light' | 'dark' } = {}): Promise<Opened> {
  const file = join(OUT, `${name}.html`);
  writeFileSync(file, html);
  const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true, colorScheme: options.colorScheme ?? 'light', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const opened: Opened = { page, console: [], requests: [] };
  page.on('console', (m) => opened.console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => opened.console.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    if (r.url() !== `file://${file}`) opened.requests.push(r.url());
  });
  await page.goto(`file://${file}`, { waitUntil: 'load' });
  return opened;
}

describe('the HTML report in Chromium', () => {
  it('loads the examples report with no console errors and no network requests; screenshot kept', async () => {
    const { page, console, requests } = await open(formatHtml(await scanExamples(), loadReportTemplates()), 'examples-report');
    expect(console).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.title()).toBe('Exchange client-access compliance — Contoso');
    // The stylesheet applied under the CSP: the posture box has its coloured edge.
    const border = await page.locator('.posture-head').evaluate((el) => getComputedStyle(el).borderLeftWidth);
    expect(border).toBe('6px');
    await page.screenshot({ path: join(OUT, 'examples-report.png'), fullPage: false });
    await page.locator('#servers').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, 'examples-report-servers.png') });
    await page.context().close();
  });

  it('filters findings by severity and verdict with scripts disabled', async () => {
    const { page } = await open(formatHtml(await scanExamples(), loadReportTemplates()), 'examples-report-noscript', { javaScriptEnabled: false });
    const visible = (selector: string) => page.locator(selector).evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length);
    // Every card open, so that rows are measured whether or not their card starts collapsed.
    await page.locator('details.rule').evaluateAll((els) => els.forEach((e) => e.setAttribute('open', '')));
    const high = await visible('tr.f.s-high');
    expect(high).toBeGreaterThan(5);
    await page.locator('#f-high').uncheck();
    expect(await visible('tr.f.s-high')).toBe(0);
    expect(await visible('tr.f.s-medium')).toBeGreaterThan(0);
    await page.locator('#f-high').check();
    expect(await visible('tr.f.s-high')).toBe(high);
    // A row hides by its own severity: a medium finding inside a rule whose worst is high stays when only medium is ticked.
    const mixed = await page.locator('details.rule').evaluateAll((els) => els.find((e) => e.querySelector('tr.s-medium') && e.querySelector('tr.s-high'))?.id ?? '');
    if (mixed) {
      for (const sev of ['critical', 'high', 'low', 'info']) await page.locator(`#f-${sev}`).uncheck();
      expect(await visible(`#${mixed} tr.f.s-medium`)).toBeGreaterThan(0);
      expect(await visible(`#${mixed} tr.f.s-high`)).toBe(0);
      for (const sev of ['critical', 'high', 'low', 'info']) await page.locator(`#f-${sev}`).check();
    }
    // A card with nothing left to show hides: EXPOP-001 has only critical rows.
    expect(await page.locator('#rule-EXPOP-001').isVisible()).toBe(true);
    await page.locator('#f-critical').uncheck();
    expect(await page.locator('#rule-EXPOP-001').isVisible()).toBe(false);
    await page.locator('#f-critical').check();
    const waived = await visible('tr.f.waived');
    expect(waived).toBe(3);
    await page.locator('#f-waived').uncheck();
    expect(await visible('tr.f.waived')).toBe(0);
    await page.context().close();
  });

  it('keeps markup from every exported string inert', async () => {
    const result = await scanBundle(hostileBundle());
    const { page, console, requests } = await open(formatHtml(result, loadReportTemplates()), 'hostile-report');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(console).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.locator('main img, main script, link, svg script, svg foreignObject').count()).toBe(0);
    // Every label fits inside its picture, even when every mailbox is exposed (the longest bars).
    const clipped = await page.locator('svg[role="img"]').evaluateAll((svgs) => svgs.flatMap((svg) => Array.from(svg.querySelectorAll('text'), (t) => (t as SVGGraphicsElement).getBBox()).filter((b) => b.x + b.width > (svg as SVGSVGElement).viewBox.baseVal.width).map((b) => b.x + b.width)));
    expect(clipped).toEqual([]);
    // The pictures are drawn from numbers and fixed words only: no exported text inside an SVG.
    for (const svg of await page.locator('svg').allTextContents()) for (const p of PAYLOADS) expect(svg).not.toContain(p);
    const text = await page.locator('body').innerText();
    expect(text).toContain('<img src=x onerror="window.__pwned=1">');
    expect(text).toContain('</script><script>window.__pwned=2</script>');
    expect(text).toContain('{{constructor.constructor "window.__pwned=3"}}');
    expect(text).toContain('EVIL<b>01');
    // The layout holds: one table header row per findings table, no injected rows or cells.
    const cells = await page.locator('details.rule table thead tr').evaluateAll((rows) => rows.map((r) => r.children.length));
    expect(new Set(cells)).toEqual(new Set([5]));
    await page.screenshot({ path: join(OUT, 'hostile-report.png') });
    await page.context().close();
  });

  it('first screen: the posture in words, pictures with text equivalents, links that resolve, readable values', async () => {
    const result = await scanExamples();
    const { page } = await open(formatHtml({ ...result, gate: { failOn: 'none', passed: true, exitCode: 0 } }, loadReportTemplates()), 'examples-report-first-screen');
    // Never a green "passed" above open critical and high findings, whatever the gate said.
    expect(await page.locator('.posture-head h2').innerText()).toBe('Action needed: 1 critical and 14 high findings are open');
    expect(await page.locator('.posture-head').innerText()).not.toMatch(/Gate passed|✔/);
    expect(await page.locator('.gate-line').innerText()).toBe('CI gate: not enforced for this report (it lists findings without failing a pipeline)');
    // Pictures near the top, each with a title and a description a screen reader reads.
    const pictures = await page.locator('svg[role="img"]').evaluateAll((els) => els.map((e) => ({ top: e.getBoundingClientRect().top, title: e.querySelector('title')?.textContent, desc: e.querySelector('desc')?.textContent })));
    expect(pictures).toHaveLength(2);
    for (const p of pictures) {
      expect(p.top).toBeLessThan(900);
      expect(p.title).toBeTruthy();
      expect(p.desc).toMatch(/\d/);
    }
    expect(pictures[0]?.desc).toBe('1 critical, 14 high, 42 medium, 20 low, 8 info');
    // The matrix says the severity in words, not colour alone, and each cell links to a rule card.
    const cells = await page.locator('table.matrix td.cell a').allInnerTexts();
    expect(cells.length).toBeGreaterThan(10);
    for (const c of cells) expect(c).toMatch(/^(critical|high|medium|low|info) · \d+$/);
    // Every in-page link resolves.
    const missing = await page.locator('a[href^="#"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')?.slice(1) ?? '').filter((id) => !document.getElementById(id)));
    expect(missing).toEqual([]);
    expect(await page.locator('a[href^="#rule-EXCAR-"]').count()).toBeGreaterThan(0);
    // Cards collapse (critical and high open), and short values never break mid-word.
    expect(await page.locator('details.rule[open]').count()).toBeLessThan(await page.locator('details.rule').count());
    await page.locator('#rule-EXPOP-001').scrollIntoViewIfNeeded();
    const lines = await page.locator('#rule-EXPOP-001 tbody tr td:nth-child(3)').first().evaluate((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      return new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top))).size;
    });
    expect(lines).toBe(1);
    expect(await page.locator('body').innerText()).toContain('mail.contoso.com:110 (no encryption)');
    await page.screenshot({ path: join(OUT, 'examples-report-first-screen.png') });
    await page.context().close();
  });

  it('renders in dark mode and for print', async () => {
    const { page } = await open(formatHtml(await scanExamples(), loadReportTemplates()), 'examples-report-dark', { colorScheme: 'dark' });
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(13, 17, 23)');
    await page.screenshot({ path: join(OUT, 'examples-report-dark.png') });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.filters').first().evaluate((e) => getComputedStyle(e).display)).toBe('none');
    await page.context().close();
  });
});

/** Drift of two export sets against the baseline pack, at a fixed clock. */
function drift(o: Pick<DriftRequest, 'baseline' | 'current' | 'map' | 'failOnDrift'>) {
  const packs = resolvePacks(['exchange-baseline'], filePackReader());
  return runDrift({ ...o, packs, ignore: [], expected: [], now: '2026-11-20T10:00:00Z', toolVersion: '0.1.0' }, fileExportSource);
}

describe('the drift report in Chromium', () => {
  it('migration comparison of the examples: checklist first, diffs, no console errors, no requests', async () => {
    const cwd = process.cwd();
    process.chdir(ROOT);
    const result = await drift({ baseline: ['examples/contoso/legacy-ex2016'], current: ['examples/contoso/se'], map: [{ from: 'EX2016A', to: 'EXSE01' }, { from: 'EX2016B', to: 'EXSE02' }], failOnDrift: 'regression' }).finally(() => process.chdir(cwd));
    const { page, console, requests } = await open(formatDriftHtml(result, loadDriftTemplates()), 'drift-report');
    expect(console).toEqual([]);
    expect(requests).toEqual([]);
    const headings = await page.locator('main h2').allTextContents();
    expect(headings.slice(0, 3)).toEqual(['Outcome', 'Migration checklist', 'Changes']);
    expect(await page.locator('ins.d').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(OUT, 'drift-report.png'), fullPage: false });
  });

  it('exported strings planted in a drift stay inert text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casguard-drift-browser-'));
    const base = writeOrg(dir, 'base', 'deserialized');
    const next = writeOrg(dir, 'next', 'deserialized', (org) => {
      (org.PopSettings?.[0] as Record<string, unknown>).Banner = PAYLOADS.join(' ');
    });
    const result = await drift({ baseline: [base], current: [next], map: [], failOnDrift: 'none' });
    const html = formatDriftHtml(result, loadDriftTemplates());
    const { page, console, requests } = await open(html, 'drift-hostile-browser');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(console).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.locator('main img, main svg, main script, link').count()).toBe(0);
    expect(await page.locator('main').innerText()).toContain('<img src=x onerror="window.__pwned=1">');
  });
});

describe('the logs report in Chromium', () => {
  it('the example logs: findings and clients, no console errors, no requests, logged markup inert', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casguard-logs-browser-'));
    mkdirSync(join(dir, 'EVIL', 'Imap4'), { recursive: true });
    const header = readFileSync(join(ROOT, 'examples/logs/EXSE01/Imap4/IMAP42026112008-1.LOG'), 'utf8').split('\r\n').slice(0, 5).join('\r\n');
    writeFileSync(join(dir, 'EVIL', 'Imap4', 'IMAP4-1.LOG'), `${header}\r\n${PAYLOADS.map((p, i) => `2026-11-20T08:00:0${i}.000Z,${i},0,10.0.0.5:143,10.9.9.${i}:4000,"${p.replace(/"/g, '""').replace(/[\r\n]/g, ' ')}",1,1,1,login,x *****,R=ok,`).join('\r\n')}\r\n`);
    const source = { expand: (i: readonly string[]) => expandInputs(i, process.cwd(), isLogFileName, 'logs'), lines: readLogLines };
    const result = await runLogs({ inputs: [join(ROOT, 'examples/logs'), dir], params: {}, rules: loadLogRules(), failOn: 'high', now: '2026-11-20T10:00:00Z', toolVersion: '0.1.0' }, source);
    const { page, console, requests } = await open(formatLogsHtml(result, loadLogsTemplates()), 'logs-report');
    expect(console).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('main img, main svg, main script, link').count()).toBe(0);
    expect(await page.locator('main').innerText()).toContain('<img src=x onerror="window.__pwned=1">');
    expect(await page.locator('#clients + table tbody tr').count()).toBe(result.clients.length);
    await page.screenshot({ path: join(OUT, 'logs-report.png') });
  });
});
