// CliXml (Export-Clixml) ingest: real files from microsoft/CSS-Exchange, an EMS-shaped Get-PopSettings
// file, and the Contoso example organisation written as CliXml, which must scan exactly as its JSON does.

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runScan } from '../../src/app/run-scan.js';
import { durationToTimeSpan } from '../../src/ingest/clixml-reader.js';
import { fileExportSource } from '../../src/io/export-source.js';
import { filePackReader, loadConfig } from '../../src/io/read-settings.js';
import { ENUMS, type EnumTable } from '../../src/normalize/enums.js';
import { resolvePacks } from '../../src/rulepack/resolve-packs.js';
import type { ScanResult } from '../../src/model/result.js';
import { protocolSettings } from '../support/exchange-objects.js';
import { ingestBytes, ingestError } from '../support/ingest-helpers.js';
import { toCliXml } from '../support/ps-clixml.js';
import { toPs7Json } from '../support/ps-json.js';
import { ROOT } from '../support/run-cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/clixml');
const sample = (name: string) => gunzipSync(readFileSync(join(FIXTURES, `${name}.clixml.xml.gz`)));

describe('real Export-Clixml files from CSS-Exchange (MIT)', () => {
  const servers: [string, string[], string[]][] = [
    ['css-exchange-hc-e19-get-exchangeserver', ['SOLO-E19A'], ['15.2.986.5']],
    ['css-exchange-hc-e16-get-exchangeserver', ['SOLO-E16A'], ['15.1.2375.7']],
    ['css-exchange-authcert-get-exchangeserver', ['E2k16-1', 'E2k16-2'], ['15.1.2507.18', '15.1.2507.18']],
  ];
  for (const [name, identities, versions] of servers) {
    it(`${name}: Get-ExchangeServer with its version object, role enum and site id`, async () => {
      const { summary, records } = await ingestBytes(`${name}.xml`, sample(name));
      expect(summary).toMatchObject({ kind: 'ExchangeServer', format: 'clixml', encoding: 'utf-8-bom', warnings: [] });
      expect(records.map((r) => r.identity)).toEqual(identities);
      expect(records.map((r) => r.props.AdminDisplayVersion)).toEqual(versions);
      for (const r of records) {
        expect(r.props.ServerRole).toEqual(expect.arrayContaining(['Mailbox']));
        expect(r.props.Site).toMatch(/\/Configuration\/Sites\//);
        expect(r.props.NetworkAddress).toEqual(expect.arrayContaining([expect.stringMatching(/^ncacn_ip_tcp:/)]));
        expect(r.unreadable).toEqual({});
        // Exchange's binary rehydration blob is dropped, never kept as evidence.
        expect(r.props).not.toHaveProperty('SerializationData');
      }
    });
  }

  for (const name of ['css-exchange-hc-e19-get-service', 'css-exchange-hc-e16-get-service']) {
    it(`${name}: Get-Service with Status and StartType enums, dependencies by reference`, async () => {
      const { summary, records } = await ingestBytes(`${name}.xml`, sample(name));
      expect(summary.kind).toBe('Service');
      expect(summary.count).toBeGreaterThan(200);
      expect(summary.warnings).toEqual([expect.stringMatching(/no server name \(MachineName "\."\)/)]);
      const pop = records.find((r) => r.props.Name === 'MSExchangePop3');
      const imapBe = records.find((r) => r.props.Name === 'MSExchangeIMAP4BE');
      expect(pop?.props).toMatchObject({ DisplayName: 'Microsoft Exchange POP3', Status: expect.stringMatching(/^(Running|Stopped)$/), StartType: expect.stringMatching(/^(Automatic|Manual|Disabled)$/) });
      expect(imapBe?.props.DisplayName).toBe('Microsoft Exchange IMAP4 Backend');
      // `RequiredServices` is a <Ref> to the object `ServicesDependedOn` holds.
      expect(pop?.props.RequiredServices).toEqual(pop?.props.ServicesDependedOn);
      expect(records.every((r) => Object.keys(r.unreadable).length === 0)).toBe(true);
    });
  }

  it('a kind casguard does not audit (Get-ReceiveConnector) is refused with what it holds', async () => {
    const err = await ingestError('GetReceiveConnector.xml', sample('css-exchange-hc-e19-get-receiveconnector'));
    expect(err.code).toBe('export/unrecognized-kind');
    expect(err.message).toMatch(/not an export casguard knows .* AuthMechanism, Banner, BinaryMimeEnabled, Bindings/);
  });
});

describe('Get-PopSettings exported with Export-Clixml in the Exchange Management Shell', () => {
  const bytes = readFileSync(join(FIXTURES, 'ems-ex2019-popsettings.xml'));

  it('reads UTF-16LE CliXml into the same canonical values as the JSON flavours', async () => {
    const { summary, records } = await ingestBytes('PopSettings.xml', bytes);
    expect(summary).toMatchObject({ kind: 'PopSettings', count: 2, format: 'clixml', encoding: 'utf-16le-bom', warnings: [] });
    const [ex01] = records;
    const settings = { LoginType: 'PlainTextLogin', X509CertificateName: 'ex01.corp.contoso.com', ExternalConnectionSettings: ['mail.contoso.com:110:TLS'] };
    for (const flavour of ['live', 'deserialized']) {
      const json = protocolSettings('POP3', 'EX01', flavour, settings);
      const { records: fromJson } = await ingestBytes('PopSettings.json', toPs7Json([json]));
      const expected = fromJson[0]?.props as Record<string, unknown>;
      for (const key of ['ProtocolName', 'Server', 'UnencryptedOrTLSBindings', 'SSLBindings', 'InternalConnectionSettings', 'ExternalConnectionSettings', 'X509CertificateName', 'LoginType', 'AuthenticatedConnectionTimeout', 'PreAuthenticatedConnectionTimeout', 'MaxConnections', 'MaxConnectionsPerUser', 'MessageRetrievalMimeFormat', 'MessageRetrievalSortOrder', 'ProxyTargetPort', 'ProtocolLogEnabled', 'LogFileLocation', 'LogFileRollOverSettings', 'LogPerFileSizeQuota', 'ExtendedProtectionPolicy', 'EnableGSSAPIAndNTLMAuth']) {
        expect({ key, flavour, value: ex01?.props[key] }).toEqual({ key, flavour, value: expected[key] });
      }
    }
    expect(ex01).toMatchObject({ identity: 'EX01', server: 'EX01', source: { path: 'PopSettings.xml', pointer: '/0' } });
  });

  it('keeps what XML cannot hold (_xHHHH_ escapes, entities), sizes, references to an earlier record', async () => {
    const { records } = await ingestBytes('PopSettings.xml', bytes);
    const [ex01, ex02] = records;
    expect(ex01?.props.Banner).toBe('The Microsoft Exchange POP3 service is ready.\r\nContoso & Partners <mail> _x0041_');
    expect(ex01?.props.LogPerFileSizeQuota).toEqual({ unlimited: true, bytes: null });
    expect(ex02?.props.LogPerFileSizeQuota).toEqual({ unlimited: false, bytes: 10_485_760 });
    expect(ex02?.props.OrganizationId).toEqual(ex01?.props.OrganizationId);
    expect(ex01?.props.PSComputerName).toBe('ex01.corp.contoso.com');
    expect(ex01?.props.WhenChanged).toBe('2026-11-01T09:15:00.123Z');
  });

  it('gives the same records whatever the chunk boundaries (a character split across reads)', async () => {
    const whole = await ingestBytes('PopSettings.xml', bytes);
    for (const size of [1, 3, 7, 4096]) {
      const split = await ingestBytes('PopSettings.xml', bytes, size);
      expect(split.records.map((r) => r.props)).toEqual(whole.records.map((r) => r.props));
    }
  });
});

describe('CliXml forms and damage', () => {
  const objs = (body: string) => `<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">${body}</Objs>`;
  const pop = (extra = '') => `<Obj RefId="0"><TN RefId="0"><T>Deserialized.Microsoft.Exchange.Data.Directory.SystemConfiguration.Pop3AdConfiguration</T><T>Deserialized.System.Object</T></TN><Props><S N="ProtocolName">POP3</S><S N="Server">EX01</S><S N="LoginType">SecureLogin</S>${extra}</Props></Obj>`;

  it('reads the deserialized flavour (PS 7 remoting: values collapsed to strings) and the #< CLIXML stream marker', async () => {
    const body = objs(pop('<Obj N="SSLBindings" RefId="1"><TN RefId="1"><T>Deserialized.Microsoft.Exchange.Data.MultiValuedProperty`1[[Microsoft.Exchange.Data.IPBinding]]</T></TN><LST><S>[::]:995</S><S>0.0.0.0:995</S></LST></Obj><S N="AuthenticatedConnectionTimeout">00:30:00</S>'));
    for (const text of [body, `#< CLIXML\r\n${body}`, `<?xml version="1.0" encoding="utf-16"?>\r\n${body}`]) {
      const { summary, records } = await ingestBytes('pop.xml', text);
      expect(summary).toMatchObject({ kind: 'PopSettings', format: 'clixml' });
      expect(records[0]?.props).toMatchObject({ LoginType: 'SecureLogin', AuthenticatedConnectionTimeout: 1800, SSLBindings: [{ address: '::', port: 995 }, { address: '0.0.0.0', port: 995 }] });
    }
  });

  it('turns primitive tags into values (TimeSpan as xs:duration, numbers, Nil, SecureString never kept)', async () => {
    const { records } = await ingestBytes('pop.xml', objs(pop('<TS N="PreAuthenticatedConnectionTimeout">PT1M</TS><I64 N="MaxConnections">2147483647</I64><Nil N="OwaServerUrl" /><SS N="Secret">01000000d08c9ddf</SS><B N="ProtocolLogEnabled">true</B>')));
    expect(records[0]?.props).toMatchObject({ PreAuthenticatedConnectionTimeout: 60, MaxConnections: 2147483647, OwaServerUrl: null, Secret: null, ProtocolLogEnabled: true });
    expect(durationToTimeSpan('PT30M')).toBe('00:30:00');
    expect(durationToTimeSpan('P1DT2H3M4.5S')).toBe('1.02:03:04.5000000');
    expect(durationToTimeSpan('-PT1S')).toBe('-00:00:01');
    expect(durationToTimeSpan('soon')).toBeUndefined();
  });

  it('a reference to an object no longer held is unknown evidence, not a guess', async () => {
    const { records, summary } = await ingestBytes('pop.xml', objs(pop('<Ref N="ProtocolLogEnabled" RefId="77" />')));
    expect(records[0]?.unreadable.ProtocolLogEnabled).toEqual({ reason: 'invalid', detail: expect.stringMatching(/reference \(RefId 77\)/) });
    expect(records[0]?.props).not.toHaveProperty('ProtocolLogEnabled');
    expect(summary.warnings).toEqual([expect.stringMatching(/^ProtocolLogEnabled: unreadable value in 1 record/)]);
  });

  const broken: [string, string, string, RegExp, number][] = [
    ['unclosed element', objs(pop()).replace('</Props>', ''), 'export/invalid-xml', /invalid CliXml: /, 1],
    ['cut off mid-file', objs(pop()).slice(0, 200), 'export/invalid-xml', /invalid CliXml/, 1],
    ['second line broken', `<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">\n<Obj RefId="0"><S N="a">x</Obj>\n</Objs>`, 'export/invalid-xml', /invalid CliXml/, 2],
    ['a root other than Objs', '<?xml version="1.0"?><Root xmlns="http://schemas.microsoft.com/powershell/2004/04"/>', 'export/invalid-xml', /<Root> where PowerShell CliXml has <Objs>/, 1],
  ];
  for (const [name, text, code, message, line] of broken) {
    it(`${name}: a one-line error with the line`, async () => {
      const err = await ingestError('pop.xml', text);
      expect(err.code).toBe(code);
      expect(err.message).toMatch(message);
      expect(err.location).toMatchObject({ file: 'pop.xml', line });
    });
  }

  it('a top-level value that is not an object is refused', async () => {
    const err = await ingestError('pop.xml', objs('<S>hello</S>'));
    expect(err).toMatchObject({ code: 'export/unrecognized-kind', message: expect.stringMatching(/expected exported objects, found "hello" at \/0/) });
  });

  it('an empty <Objs/> named after its kind is an empty export', async () => {
    const { summary } = await ingestBytes('ClientAccessRule.xml', objs(''));
    expect(summary).toMatchObject({ kind: 'ClientAccessRule', count: 0, format: 'clixml' });
  });

  it('an entity-expansion bomb is refused, not expanded', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE Objs [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${objs(pop('<S N="Banner">&b;</S>'))}`;
    const err = await ingestError('pop.xml', bomb);
    expect(err.code).toBe('export/invalid-xml');
  });
});

/** The Contoso example organisation, every JSON export rewritten as CliXml (legacy side UTF-16LE like Windows PowerShell, new side UTF-8). */
function writeContosoAsCliXml(dir: string): void {
  const enums: Record<string, EnumTable> = {
    LoginType: ENUMS.LoginOptions,
    MessageRetrievalMimeFormat: ENUMS.MimeTextFormat,
    PopMessagesRetrievalMimeFormat: ENUMS.MimeTextFormat,
    ImapMessagesRetrievalMimeFormat: ENUMS.MimeTextFormat,
    MessageRetrievalSortOrder: ENUMS.SortOrder,
    CalendarItemRetrievalOption: ENUMS.CalendarItemRetrievalOptions,
    LogFileRollOverSettings: ENUMS.LogFileRollOver,
    ExtendedProtectionPolicy: ENUMS.ExtendedProtectionTokenCheckingMode,
    Status: ENUMS.ServiceControllerStatus,
    StartType: ENUMS.ServiceStartMode,
    Edition: ENUMS.ServerEditionType,
    Action: ENUMS.ClientAccessRulesAction,
  };
  const root = join(ROOT, 'examples/contoso');
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  for (const file of walk(root)) {
    const bytes = readFileSync(file);
    if (file.endsWith('manifest.json')) {
      // The export script writes its manifest as JSON whichever format the exports are in.
      writeFileSync(join(dir, 'manifest.json'), bytes);
      continue;
    }
    const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
    const text = utf16 ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8').replace(/^\uFEFF/, '');
    const parsed = JSON.parse(text) as unknown;
    const objects = Array.isArray(parsed) ? parsed : [parsed];
    const xml = toCliXml(objects, { enums });
    const out = join(dir, relative(root, file).replace(/\.json$/, '.xml'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, utf16 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]) : xml);
  }
}

describe('the same organisation as JSON and as CliXml', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casguard-clixml-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function scan(input: string): Promise<ScanResult> {
    const config = loadConfig(join(ROOT, 'examples/casguard.yml'));
    const packs = resolvePacks(['exchange-baseline'], filePackReader(), { params: config?.params });
    return runScan({ inputs: [input], packs, failOn: 'high', waivers: [], allFindings: true, now: '2026-11-20T10:00:00Z', toolVersion: '0.1.0' }, fileExportSource);
  }

  it('gives the same scan result: every verdict, severity, message and fix', async () => {
    writeContosoAsCliXml(dir);
    const fromJson = await scan(join(ROOT, 'examples/contoso'));
    const fromXml = await scan(dir);
    const exports = fromXml.inputs.filter((i) => i.kind !== 'manifest');
    expect(exports.length).toBe(9);
    expect(exports.map((i) => i.format)).toEqual(exports.map(() => 'clixml'));
    expect(fromXml.inputs.map((i) => [i.kind, i.count])).toEqual(fromJson.inputs.map((i) => [i.kind, i.count]));
    const verdicts = (r: ScanResult) => r.findings.map((f) => ({ rule: f.ruleId, identity: f.identity, verdict: f.verdict, severity: f.severity, message: f.message, expected: f.expected, actual: f.actual, remediation: f.remediation }));
    // Only the file name differs (EXCAS-006 names the mailbox export it counted).
    const renamed = JSON.parse(JSON.stringify(verdicts(fromXml)).replace(/CASMailbox\.xml/g, 'CASMailbox.json')) as unknown;
    expect(renamed).toEqual(JSON.parse(JSON.stringify(verdicts(fromJson))));
    expect(fromJson.findings.length).toBeGreaterThan(100);
    expect(fromXml.summary).toEqual(fromJson.summary);
  });
});
