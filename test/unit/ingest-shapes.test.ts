import { describe, expect, it } from 'vitest';
import {
  casMailboxDeserialized,
  casMailboxLive,
  clientAccessRule,
  exchangeServer,
  protocolServices,
  protocolServicesCim,
  protocolSettings,
} from '../support/exchange-objects.js';
import { encodeUtf16LeBom, toPs51Json, toPs7Json } from '../support/ps-json.js';
import { ingestBytes } from '../support/ingest-helpers.js';
import { rawValue } from '../../src/model/records.js';

const utf8Bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);

describe('POP/IMAP settings in every flavour normalise to the same canonical values', () => {
  const settings = {
    LoginType: 'PlainTextLogin',
    ExternalConnectionSettings: ['mail.contoso.com:995:SSL', 'mail.contoso.com:110:'],
    ProtocolLogEnabled: true,
    AuthenticatedConnectionTimeout: 86400,
    LogPerFileSizeQuota: 'Unlimited',
  };
  const expected = {
    ProtocolName: 'POP3',
    Server: 'EX01',
    LoginType: 'PlainTextLogin',
    SSLBindings: [{ address: '::', port: 995 }, { address: '0.0.0.0', port: 995 }],
    UnencryptedOrTLSBindings: [{ address: '::', port: 110 }, { address: '0.0.0.0', port: 110 }],
    ExternalConnectionSettings: [
      { hostname: 'mail.contoso.com', port: 995, encryption: 'SSL' },
      { hostname: 'mail.contoso.com', port: 110, encryption: null },
    ],
    ProtocolLogEnabled: true,
    AuthenticatedConnectionTimeout: 86400,
    PreAuthenticatedConnectionTimeout: 60,
    LogPerFileSizeQuota: { unlimited: true, bytes: null },
    LogFileRollOverSettings: 'Hourly',
    ExtendedProtectionPolicy: 'None',
    MessageRetrievalSortOrder: 'Ascending',
    MaxConnectionFromSingleIP: 2147483647,
    ProxyTargetPort: 1995,
  };
  const variants: [string, Buffer, string, string][] = [
    ['PS 5.1 live, UTF-16LE, single object', encodeUtf16LeBom(toPs51Json(protocolSettings('POP3', 'EX01', 'live', settings))), 'utf-16le-bom', '5.1'],
    ['PS 5.1 live, UTF-8 BOM, array', utf8Bom(toPs51Json([protocolSettings('POP3', 'EX01', 'live', settings)])), 'utf-8-bom', '5.1'],
    ['PS 5.1 live, UTF-16BE', utf16be(toPs51Json([protocolSettings('POP3', 'EX01', 'live', settings)])), 'utf-16be-bom', '5.1'],
    ['PS 5.1 {"value":[...],"Count":1} wrapper', Buffer.from(toPs51Json({ value: [protocolSettings('POP3', 'EX01', 'live', settings)], Count: 1 })), 'utf-8', '5.1'],
    ['PS 7 deserialized, UTF-8', Buffer.from(toPs7Json([protocolSettings('POP3', 'EX01', 'deserialized', settings)])), 'utf-8', '7'],
    ['PS 7 -Compress', Buffer.from(JSON.stringify(protocolSettings('POP3', 'EX01', 'deserialized', settings))), 'utf-8', '7'],
    ['BOM-less UTF-16LE', Buffer.from(toPs51Json(protocolSettings('POP3', 'EX01', 'live', settings)), 'utf16le'), 'utf-16le', '5.1'],
  ];
  for (const [name, bytes, encoding, flavour] of variants) {
    it(name, async () => {
      const { summary, records } = await ingestBytes('pop.json', bytes, 4096);
      expect(summary).toMatchObject({ kind: 'PopSettings', count: 1, encoding, warnings: [] });
      if (!name.includes('Compress')) expect(summary.flavour).toBe(flavour);
      expect(records).toHaveLength(1);
      const [r] = records;
      expect(r?.identity).toBe('EX01');
      expect(r?.server).toBe('EX01');
      expect(r?.props).toMatchObject(expected);
      expect(r?.unreadable).toEqual({});
      expect(r && rawValue(r, 'LoginType')).toBe(name.includes('live') || name.includes('5.1') || name.includes('UTF-16') ? 1 : 'PlainTextLogin');
    });
  }

  it('tells IMAP settings from POP settings and keeps IMAP-only properties', async () => {
    const { records } = await ingestBytes('x.json', toPs7Json([protocolSettings('IMAP4', 'EXSE01', 'deserialized', { ShowHiddenFoldersEnabled: true })]));
    expect(records[0]).toMatchObject({ kind: 'ImapSettings', identity: 'EXSE01', props: { ShowHiddenFoldersEnabled: true, ProxyTargetPort: 1993 } });
  });

  it('recognises settings without ProtocolName from their signature and ports', async () => {
    const pop = protocolSettings('POP3', 'EX01', 'deserialized');
    const imap = protocolSettings('IMAP4', 'EX01', 'deserialized');
    delete (pop as Record<string, unknown>).ProtocolName;
    delete (imap as Record<string, unknown>).ProtocolName;
    delete (imap as Record<string, unknown>).ShowHiddenFoldersEnabled;
    const { summary } = await ingestBytes('settings.json', JSON.stringify({ PopSettings: [pop], ImapSettings: [imap] }));
    expect(summary.kinds).toEqual({ PopSettings: 1, ImapSettings: 1 });
  });

  it('takes the server from the Identity prefix or PSComputerName when Server is missing', async () => {
    const a = protocolSettings('POP3', 'EX01', 'deserialized');
    delete (a as Record<string, unknown>).Server;
    const b = { ...protocolSettings('POP3', 'EX02', 'live'), Server: null, Identity: null };
    const { records } = await ingestBytes('pop.json', JSON.stringify([a, b]));
    expect(records.map((r) => r.identity)).toEqual(['EX01', 'ex02']);
  });
});

describe('depth truncation', () => {
  it('marks collapsed properties unreadable, warns once per property and names the fix', async () => {
    const truncated = (server: string) => ({
      ...protocolSettings('POP3', server, 'live'),
      SSLBindings: 'Microsoft.Exchange.Data.MultiValuedProperty`1[Microsoft.Exchange.Data.IPBinding]',
      ExternalConnectionSettings: 'System.Collections.ArrayList',
    });
    const { summary, records } = await ingestBytes('pop.json', toPs51Json([truncated('EX01'), truncated('EX02')]));
    expect(records[0]?.unreadable.SSLBindings?.reason).toBe('truncated');
    expect(records[0]?.unreadable.ExternalConnectionSettings?.reason).toBe('truncated');
    expect(records[0]?.props).not.toHaveProperty('SSLBindings');
    expect(summary.warnings).toHaveLength(2);
    expect(summary.warnings[0]).toMatch(/^SSLBindings: cut off by ConvertTo-Json's depth limit in 2 records \(first at \/0\).*-Depth 5/);
  });

  it('splits a list collapsed to a space-joined string (default depth in a bundle) and warns', async () => {
    const pop = { ...protocolSettings('POP3', 'EX01', 'live'), SSLBindings: '[::]:995 0.0.0.0:995' };
    const { summary, records } = await ingestBytes('bundle.json', JSON.stringify({ PopSettings: [pop] }));
    expect(records[0]?.props.SSLBindings).toEqual([{ address: '::', port: 995 }, { address: '0.0.0.0', port: 995 }]);
    expect(summary.warnings.join()).toMatch(/SSLBindings: list written as one space-joined string/);
  });

  it('refuses a record that is itself only a type name', async () => {
    const { ingestError } = await import('../support/ingest-helpers.js');
    const err = await ingestError('bundle.json', JSON.stringify({ PopSettings: ['Microsoft.Exchange.Data.Directory.SystemConfiguration.Pop3AdConfiguration'] }));
    expect(err.message).toMatch(/cut off by ConvertTo-Json's depth limit/);
    expect(err.hint).toMatch(/-Depth 5/);
  });
});

describe('CASMailbox', () => {
  it('reads live (5.1) and deserialized (7) mailboxes to the same identity and flags', async () => {
    const live = await ingestBytes('cas.json', encodeUtf16LeBom(toPs51Json([casMailboxLive(1, { Name: 'Administrator', SamAccountName: 'Administrator' })])));
    const des = await ingestBytes('cas.json', toPs7Json([casMailboxDeserialized(1, { Name: 'Administrator', SamAccountName: 'Administrator' })]));
    for (const { records } of [live, des]) {
      expect(records[0]).toMatchObject({
        kind: 'CASMailbox',
        identity: 'corp.contoso.com/Staff/Administrator',
        props: { PopEnabled: true, ImapEnabled: true, SamAccountName: 'Administrator', PopMessagesRetrievalMimeFormat: 'BestBodyFormat', MapiHttpEnabled: null },
      });
      expect(records[0]?.server).toBeUndefined();
    }
    expect(live.records[0]?.props.WhenCreated).toBe('2019-01-02T00:00:00.000Z');
  });

  it('accepts the Exchange Online minimum property set with booleans as strings', async () => {
    const exo = { DisplayName: 'Ann', Identity: 'ann', PrimarySmtpAddress: 'ann@contoso.com', PopEnabled: 'False', ImapEnabled: 'True', Guid: { value: 'g1', Guid: 'g1' } };
    const { records } = await ingestBytes('exo.json', JSON.stringify([exo]));
    expect(records[0]?.props).toMatchObject({ PopEnabled: false, ImapEnabled: true, Guid: 'g1' });
  });

  it('falls back to PrimarySmtpAddress for identity and warns about exactly 1000 records', async () => {
    const mailboxes = Array.from({ length: 1000 }, (_, i) => ({ PrimarySmtpAddress: `u${i}@contoso.com`, PopEnabled: false, ImapEnabled: false }));
    const { summary, records } = await ingestBytes('cas.json', JSON.stringify(mailboxes));
    expect(records[999]?.identity).toBe('u999@contoso.com');
    expect(summary.warnings).toEqual([expect.stringMatching(/exactly 1000 Get-CASMailbox records.*-ResultSize Unlimited/)]);
  });

  it('does not warn about 999 or 1001 records', async () => {
    for (const n of [999, 1001]) {
      const { summary } = await ingestBytes('cas.json', JSON.stringify(Array.from({ length: n }, (_, i) => ({ Identity: `u${i}`, PopEnabled: true, ImapEnabled: true }))));
      expect(summary.warnings).toEqual([]);
    }
  });

  it('reports unreadable values with the record pointer', async () => {
    const { summary, records } = await ingestBytes('cas.json', JSON.stringify([{ Identity: 'a', PopEnabled: true, ImapEnabled: 'maybe' }]));
    expect(records[0]?.unreadable.ImapEnabled).toEqual({ reason: 'invalid', detail: 'expected true or false, got "maybe"' });
    expect(summary.warnings).toEqual(['ImapEnabled: unreadable value in 1 record (first at /0: expected true or false, got "maybe")']);
  });
});

describe('client access rules, servers and services', () => {
  it('maps numeric protocols and actions (live) and names (deserialized) alike', async () => {
    const rule = { Name: 'Always Allow Remote PowerShell', Priority: 1, AnyOfProtocols: ['RemotePowerShell', 'ExchangeAdminCenter'], ExceptAnyOfClientIPAddressesOrRanges: ['10.0.0.0/8'] };
    for (const flavour of ['live', 'deserialized']) {
      const { records } = await ingestBytes('ClientAccessRule.json', toPs51Json([clientAccessRule(rule, flavour)]));
      expect(records[0]).toMatchObject({
        kind: 'ClientAccessRule',
        identity: 'Always Allow Remote PowerShell',
        props: { Priority: 1, Enabled: true, Action: 'AllowAccess', AnyOfProtocols: ['RemotePowerShell', 'ExchangeAdminCenter'], ExceptAnyOfClientIPAddressesOrRanges: ['10.0.0.0/8'] },
      });
    }
  });

  it('reads Get-ExchangeServer versions and roles from objects and strings', async () => {
    const { records } = await ingestBytes('srv.json', JSON.stringify([exchangeServer('EX2016A', 2016, 'live'), exchangeServer('EXSE01', 'SE', 'deserialized')]));
    expect(records.map((r) => [r.identity, r.props.AdminDisplayVersion, r.props.ServerRole])).toEqual([
      ['EX2016A', '15.1.2507.6', ['Mailbox']],
      ['EXSE01', '15.2.2562.17', ['Mailbox']],
    ]);
  });

  it('reads Get-Service (numbers or names) and Win32_Service into one shape, keyed by server', async () => {
    const running = { MSExchangePop3: ['Running', 'Automatic'] };
    const a = await ingestBytes('svc.json', toPs51Json(protocolServices('EX01', 'live', running)));
    const b = await ingestBytes('svc.json', toPs7Json(protocolServices('EX01', 'deserialized', running)));
    const c = await ingestBytes('svc.json', toPs7Json(protocolServicesCim('EX01', running)));
    for (const { records, summary } of [a, b, c]) {
      expect(summary.kind).toBe('Service');
      // PSComputerName gives "ex01" (from the FQDN), Win32_Service's SystemName "EX01": identities compare case-insensitively.
      expect(records.map((r) => r.identity.toLowerCase())).toEqual(['ex01/msexchangepop3', 'ex01/msexchangepop3be', 'ex01/msexchangeimap4', 'ex01/msexchangeimap4be']);
      expect(records[0]?.props).toMatchObject({ Status: 'Running', StartType: 'Automatic' });
      expect(records[1]?.props).toMatchObject({ Status: 'Stopped', StartType: 'Manual' });
    }
    expect(c.records[0]?.props.HealthStatus).toBe('OK');
  });

  it('attributes a local Get-Service export (MachineName ".") to "(local)" and says so', async () => {
    const local = protocolServices('EX01', 'live').map((s) => ({ ...s, PSComputerName: undefined }));
    const { summary, records } = await ingestBytes('svc.json', JSON.stringify(local));
    expect(records[0]?.identity).toBe('(local)/MSExchangePop3');
    expect(summary.warnings.join()).toMatch(/no server name \(MachineName "."\)/);
  });

  it('reads the PS 5.1 Get-Service depth collapse (ServicesDependedOn as a string, DateTime wrapper)', async () => {
    const svc = { ...protocolServices('EX01', 'live')[0], ServicesDependedOn: 'DcomLaunch RpcEptMapper', StartTime: { value: '/Date(1600000000000)/', DisplayHint: 2, DateTime: 'Sunday, September 13, 2020' } };
    const { records } = await ingestBytes('svc.json', toPs51Json([svc]));
    expect(records[0]?.props.StartTime).toBe('/Date(1600000000000)/');
    expect(records[0]?.props.Status).toBe('Stopped');
  });
});

describe('file-level shapes', () => {
  it('reads a bundle of every kind and counts per kind', async () => {
    const bundle = {
      PopSettings: [protocolSettings('POP3', 'EX01', 'deserialized')],
      ImapSettings: protocolSettings('IMAP4', 'EX01', 'deserialized'),
      CASMailbox: { value: [casMailboxDeserialized(1), casMailboxDeserialized(2)], Count: 2 },
      ClientAccessRule: [],
      ExchangeServer: [exchangeServer('EX01', 2019, 'deserialized')],
      Service: protocolServices('EX01', 'deserialized'),
      ExportedAt: '2026-01-01',
    };
    const { summary } = await ingestBytes('bundle.json', toPs7Json(bundle));
    expect(summary.kind).toBe('bundle');
    expect(summary.kinds).toEqual({ PopSettings: 1, ImapSettings: 1, CASMailbox: 2, ClientAccessRule: 0, ExchangeServer: 1, Service: 4 });
    expect(summary.count).toBe(9);
    expect(summary.warnings).toEqual(['bundle properties ignored (not an export kind): ExportedAt']);
  });

  it('reads several concatenated documents from a per-server loop, with their document numbers', async () => {
    const text = ['EX01', 'EX02', 'EX03'].map((s) => toPs51Json(protocolSettings('POP3', s, 'live'))).join('\r\n');
    const { summary, records } = await ingestBytes('pop.json', encodeUtf16LeBom(text), 1000);
    expect(summary.count).toBe(3);
    expect(records.map((r) => [r.identity, r.source.document])).toEqual([['EX01', undefined], ['EX02', 2], ['EX03', 3]]);
  });

  it('flattens nested arrays (PS 5.1 issue #5579) and skips nulls with a warning', async () => {
    const a = protocolSettings('POP3', 'EX01', 'deserialized');
    const b = protocolSettings('POP3', 'EX02', 'deserialized');
    const { summary, records } = await ingestBytes('pop.json', JSON.stringify([[a], { value: [b], Count: 1 }, null]));
    expect(records.map((r) => [r.identity, r.source.pointer])).toEqual([['EX01', '/0/0'], ['EX02', '/1/0']]);
    expect(summary.warnings).toEqual(['1 null item skipped (a cmdlet returned nothing for some input)']);
  });

  it('warns when the PS 5.1 wrapper Count does not match its items', async () => {
    const { summary } = await ingestBytes('pop.json', JSON.stringify({ value: [protocolSettings('POP3', 'EX01', 'deserialized')], Count: 2 }));
    expect(summary.warnings.join()).toMatch(/"Count": 2\} wrapper holds 1 items/);
  });

  it('reads leading whitespace, CRLF, 5.1 escapes and post-processed files', async () => {
    const pop = protocolSettings('POP3', 'EX01', 'live', { Banner: "<ready> & 'set'" });
    const { records } = await ingestBytes('pop.json', utf8Bom(`   \r\n${toPs51Json(pop)}\r\n`));
    expect(records[0]?.props.Banner).toBe("<ready> & 'set'");
  });

  it('hashes the file bytes with SHA-256 and counts them', async () => {
    const bytes = Buffer.from(toPs7Json([protocolSettings('POP3', 'EX01', 'deserialized')]));
    const { summary } = await ingestBytes('pop.json', bytes, 100);
    const { createHash } = await import('node:crypto');
    expect(summary.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(summary.bytes).toBe(bytes.length);
  });

  it('reads a Windows-1252 (Set-Content) file and warns', async () => {
    const ansi = Buffer.from(JSON.stringify([{ Identity: 'rene', DisplayName: 'Ren\u00e9', PopEnabled: true, ImapEnabled: false }]), 'latin1');
    const { summary, records } = await ingestBytes('cas.json', ansi);
    expect(records[0]?.props.DisplayName).toBe('René');
    expect(summary.encoding).toBe('windows-1252');
    expect(summary.warnings[0]).toMatch(/read as Windows-1252/);
  });
});
