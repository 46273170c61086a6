// casguard drift (issue 9): structural comparison without false drift, migration mode, classification,
// saved results, reports and bad input.

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import addFormats from 'ajv-formats';
import Ajv2020Module from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { driftOfResults, runDrift, type DriftRequest } from '../../src/app/run-drift.js';
import { formatDriftHtml } from '../../src/formatters/drift/html.js';
import { formatDriftJson } from '../../src/formatters/drift/json.js';
import { formatDriftJunit } from '../../src/formatters/drift/junit.js';
import { formatDriftMarkdown } from '../../src/formatters/drift/markdown.js';
import { formatDriftSarif } from '../../src/formatters/drift/sarif.js';
import { formatDriftText } from '../../src/formatters/drift/text.js';
import type { ExportSource } from '../../src/app/ingest-inputs.js';
import { fileExportSource } from '../../src/io/export-source.js';
import { MemoryTextStore } from '../../src/model/text-store.js';
import { filePackReader } from '../../src/io/read-settings.js';
import { loadDriftTemplates } from '../../src/io/templates.js';
import type { DriftResult } from '../../src/model/drift.js';
import { resolvePacks } from '../../src/rulepack/resolve-packs.js';
import schema from '../../src/report/drift-result.schema.json' with { type: 'json' };
import { casMailboxDeserialized, clientAccessRule } from '../support/exchange-objects.js';
import { writeOrg as writeOrgIn, type Flavour } from '../support/drift-orgs.js';
import { PAYLOADS } from '../support/hostile.js';
import { ROOT, runCli } from '../support/run-cli.js';
import { scanExamples } from '../support/scan-helpers.js';

const Ajv = Ajv2020Module.default ?? Ajv2020Module;
const ajvDrift = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajvDrift);
const validate = ajvDrift.compile(schema);
const packs = resolvePacks(['exchange-baseline'], filePackReader());
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'casguard-drift-'));
});

const writeOrg = (name: string, flavour: Flavour, change?: (org: Record<string, Record<string, unknown>[]>) => void) => writeOrgIn(dir, name, flavour, change);

const request = (baseline: string, current: string, extra: Partial<DriftRequest> = {}): DriftRequest => ({ baseline: [baseline], current: [current], packs, map: [], ignore: [], expected: [], failOnDrift: 'regression', now: '2026-11-30T00:00:00Z', toolVersion: '0.1.0', ...extra });

describe('comparison', () => {
  it('shows no drift between PowerShell 5.1 and PowerShell 7 exports of the same organisation', async () => {
    const result = await runDrift(request(writeOrg('ps51', 'live'), writeOrg('ps7', 'deserialized')), fileExportSource);
    expect(result.changes.map((c) => `${c.kind} ${c.identity} ${c.field}: ${c.before} → ${c.after}`)).toEqual([]);
    expect(result.findings.new).toEqual([]);
    expect(result.notes[0]).toBe('no drift: the two sides hold the same settings');
    expect(result.gate).toEqual({ failOnDrift: 'regression', passed: true, exitCode: 0 });
  });

  it('reports added, removed and modified records, list items, and classifies regressions and improvements', async () => {
    const base = writeOrg('base', 'deserialized');
    const next = writeOrg('next', 'deserialized', (org) => {
      (org.PopSettings?.[0] as Record<string, unknown>).LoginType = 'PlainTextLogin';
      (org.PopSettings?.[1] as Record<string, unknown>).SSLBindings = ['[::]:995', '0.0.0.0:995', '10.0.0.5:995'];
      (org.CASMailbox?.[0] as Record<string, unknown>).PopEnabled = false;
      org.CASMailbox?.splice(4, 1);
      org.CASMailbox?.push(casMailboxDeserialized(9) as Record<string, unknown>);
      org.ClientAccessRule?.push(clientAccessRule({ Name: 'Block EAC', Priority: 1, Action: 'DenyAccess', AnyOfProtocols: ['ExchangeAdminCenter'], ExceptAnyOfClientIPAddressesOrRanges: ['10.0.0.0/8'] }, 'deserialized') as Record<string, unknown>);
    });
    const result = await runDrift(request(base, next), fileExportSource);
    const login = result.changes.find((c) => c.field === 'LoginType');
    expect(login).toMatchObject({ kind: 'PopSettings', identity: 'EX01', change: 'modified', before: 'SecureLogin', after: 'PlainTextLogin', classification: 'regression' });
    expect(result.changes.find((c) => c.field === 'SSLBindings')).toMatchObject({ identity: 'EX02', added: ['10.0.0.5:995'], classification: 'neutral' });
    expect(result.changes.filter((c) => c.kind === 'CASMailbox').map((c) => `${c.change} ${c.field ?? ''}`).sort()).toEqual(['added ', 'modified PopEnabled', 'removed ']);
    expect(result.changes.find((c) => c.kind === 'ClientAccessRule')).toMatchObject({ change: 'added', identity: 'Block EAC' });
    expect(result.findings.new.map((f) => f.ruleId)).toContain('EXPOP-001');
    expect(result.summary.regressions).toBeGreaterThan(0);
    expect(result.gate).toEqual({ failOnDrift: 'regression', passed: false, exitCode: 1 });
    expect(validate(JSON.parse(formatDriftJson(result))), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('reads each export once: a changed mailbox\'s baseline values come back from the text store, which is closed at the end', async () => {
    const base = writeOrg('once-base', 'live');
    const next = writeOrg('once-next', 'deserialized', (org) => {
      (org.CASMailbox?.[1] as Record<string, unknown>).ImapEnabled = false;
    });
    const reads: string[] = [];
    let store: MemoryTextStore | undefined;
    let closed = false;
    const source: ExportSource = {
      ...fileExportSource,
      readChunks: (path) => {
        reads.push(path);
        return fileExportSource.readChunks(path);
      },
      textStore: () => {
        store = new MemoryTextStore();
        const close = store.close.bind(store);
        store.close = () => {
          closed = true;
          close();
        };
        return store;
      },
    };
    const result = await runDrift(request(base, next), source);
    expect(reads.length).toBe(new Set(reads).size);
    expect(result.changes.filter((c) => c.kind === 'CASMailbox')).toEqual([expect.objectContaining({ change: 'modified', field: 'ImapEnabled', before: 'true', after: 'false' })]);
    expect(store).toBeDefined();
    expect(closed).toBe(true);
  });

  it('a truncated or missing property is "cannot compare", never a change; --ignore leaves properties out', async () => {
    const base = writeOrg('trunc-base', 'deserialized');
    const next = writeOrg('trunc-next', 'deserialized', (org) => {
      (org.PopSettings?.[0] as Record<string, unknown>).ExternalConnectionSettings = 'System.Collections.ArrayList';
      (org.PopSettings?.[1] as Record<string, unknown>).Banner = 'changed';
    });
    const result = await runDrift(request(base, next, { ignore: ['PopSettings.Banner'] }), fileExportSource);
    expect(result.changes).toEqual([]);
    expect(result.uncomparable).toContainEqual({ kind: 'PopSettings', identity: 'EX01', field: 'ExternalConnectionSettings', reason: 'cut off or unreadable in the current side' });
    expect(result.ignored).toContain('popsettings.Banner');
    expect(result.ignored).toContain('WhenChanged');
  });
});

describe('migration mode', () => {
  it('pairs legacy and new servers: expected differences apart, the checklist, EXX-006 and EXX-007', async () => {
    // Without a Service export the protocols count as in use on the legacy servers.
    const legacy = writeOrg('legacy', 'live', (org) => {
      delete org.Service;
      for (const r of org.PopSettings ?? []) r.LoginType = 1; // PlainTextLogin, as a number
      for (const r of [...(org.PopSettings ?? []), ...(org.ImapSettings ?? [])]) r.X509CertificateName = 'mail.contoso.com';
    });
    const next = writeOrg('new', 'deserialized', (org) => {
      delete org.Service;
      for (const kind of ['PopSettings', 'ImapSettings', 'Service', 'ExchangeServer']) {
        org[kind] = (org[kind] ?? []).map((r) => JSON.parse(JSON.stringify(r).replace(/EX0([12])/g, 'EXSE0$1').replace(/ex0([12])/g, 'exse0$1')) as Record<string, unknown>);
      }
      for (const r of org.PopSettings ?? []) r.X509CertificateName = 'mail.contoso.com';
      for (const r of org.ImapSettings ?? []) r.X509CertificateName = '';
    });
    const result = await runDrift(request(legacy, next, { map: [{ from: 'EX01', to: 'EXSE01' }, { from: 'EX02', to: 'EXSE02' }] }), fileExportSource);
    expect(result.changes.filter((c) => c.change !== 'modified')).toEqual([]);
    expect(result.changes.find((c) => c.field === 'InternalConnectionSettings')).toMatchObject({ expected: true, baselineIdentity: 'EX01' });
    expect(result.checklist.map((c) => c.status)).toEqual(expect.arrayContaining(['decide', 'lacks']));
    expect(result.checklist.find((c) => c.status === 'decide')?.text).toMatch(/EX01 accepts PlainTextLogin; EXSE01 requires SecureLogin/);
    const exx006 = result.migration.filter((m) => m.ruleId === 'EXX-006' && m.verdict === 'fail');
    expect(exx006.map((m) => `${m.protocol} ${m.server}`)).toEqual(['IMAP4 EXSE01', 'IMAP4 EXSE02']);
    expect(exx006[0]?.remediation).toMatch(/^Set-ImapSettings -Server 'EXSE01' -X509CertificateName 'mail\.contoso\.com'/);
    expect(result.migration.filter((m) => m.ruleId === 'EXX-007' && m.verdict === 'fail').map((m) => `${m.protocol} ${m.server}`)).toEqual(['POP3 EX01', 'POP3 EX02']);
  });

  it('a --map naming a server on neither side is exit 2 naming it', async () => {
    await expect(runDrift(request(writeOrg('m1', 'deserialized'), writeOrg('m2', 'deserialized'), { map: [{ from: 'EX99', to: 'EX01' }] }), fileExportSource)).rejects.toThrow(/--map names a server found on neither side: EX99/);
  });
});

describe('saved results, reports and bad input', () => {
  it('compares two saved results by fingerprint, pack versions apart', async () => {
    const examples = await scanExamples();
    const reworded = (f: (typeof examples.findings)[number]) => (f.ruleId === 'EXIMAP-001' ? { ...JSON.parse(JSON.stringify(f)), message: 'IMAP4 on EX2016A now accepts PlainTextLogin' } : f);
    const later = { ...examples, packs: [{ id: 'exchange-baseline', version: '1.1.0' }], findings: examples.findings.filter((f) => f.ruleId !== 'EXPOP-001').map(reworded) };
    const result = driftOfResults(examples, later, 'any', '2026-11-30T00:00:00Z', '0.1.0');
    expect(result.findings.resolved.map((f) => f.ruleId)).toEqual(['EXPOP-001']);
    expect(result.findings.new).toEqual([]);
    expect(result.notes).toContainEqual(expect.stringMatching(/the packs differ/));
    const sarif = JSON.parse(formatDriftSarif(result));
    const states = (state: string) => sarif.runs[0].results.filter((r: { baselineState: string }) => r.baselineState === state).map((r: { ruleId: string }) => r.ruleId);
    expect(states('updated')).toEqual(['EXIMAP-001']);
    expect(states('absent')).toEqual(['EXPOP-001']);
  });

  it('renders every format; SARIF carries baselineState; the HTML is self-contained and escapes exported text', async () => {
    const base = writeOrg('hostile-base', 'deserialized');
    const next = writeOrg('hostile-next', 'deserialized', (org) => {
      (org.PopSettings?.[0] as Record<string, unknown>).Banner = PAYLOADS.join(' ');
      (org.PopSettings?.[0] as Record<string, unknown>).LoginType = 'PlainTextLogin';
    });
    const result: DriftResult = await runDrift(request(base, next), fileExportSource);
    const html = formatDriftHtml(result, loadDriftTemplates());
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;; style-src &#x27;sha256-/);
    expect(html).not.toMatch(/<img|<script|<svg|<link rel/);
    expect(html).toContain('<ins class="d">');
    const sarif = JSON.parse(formatDriftSarif(result));
    expect(sarif.runs[0].results.map((r: { baselineState: string }) => r.baselineState)).toEqual(expect.arrayContaining(['new', 'unchanged']));
    expect(formatDriftJunit(result)).toMatch(/<failure message="regression">/);
    expect(formatDriftMarkdown(result)).not.toMatch(/<img/);
    expect(formatDriftText(result)).toMatch(/Regressions \(2\)/);
  });

  it('the CLI: identical inputs say "no drift" and exit 0; no kind in common, a bad map file and an unreadable side are exit 2', () => {
    const same = runCli(['drift', 'examples/contoso/se', 'examples/contoso/se', '--fail-on-drift', 'any']);
    expect(same.code).toBe(0);
    expect(same.stderr).toMatch(/no drift: the two sides hold the same settings/);
    const popOnly = join(dir, 'pop-only');
    mkdirSync(popOnly);
    writeFileSync(join(popOnly, 'pop.json'), readFileSync(join(ROOT, 'examples/contoso/se/PopSettings.json')));
    const cars = runCli(['drift', popOnly, 'examples/contoso/se/ClientAccessRule.json']);
    expect(cars.code).toBe(2);
    expect(cars.stderr).toMatch(/^error: the two sides have no kind of export in common/);
    const badMap = join(dir, 'map.yaml');
    writeFileSync(badMap, 'map: [unclosed\n');
    const map = runCli(['drift', 'examples/contoso/legacy-ex2016', 'examples/contoso/se', '--map-file', badMap, '-f', 'html', '-o', join(dir, 'never')]);
    expect(map.code).toBe(2);
    expect(map.stderr).toMatch(/map\.yaml:\d+: invalid YAML/);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '[{"ProtocolName": "POP3",');
    const side = runCli(['drift', broken, 'examples/contoso/se', '-f', 'json', '-o', join(dir, 'never')]);
    expect(side.code).toBe(2);
    expect(side.stderr).toMatch(/broken\.json:1:\d+: invalid JSON/);
    expect(() => readFileSync(join(dir, 'never', 'drift.json'))).toThrow();
  });
});
