// Pasted `Format-List` text (issue 13 §1): read into records with a warning that the text is lossy;
// values cut with `...` are unknown evidence. Format-Table stays an error with advice.

import { describe, expect, it } from 'vitest';
import { formatListValue } from '../../src/ingest/format-list-reader.js';
import { casMailboxDeserialized, protocolSettings } from '../support/exchange-objects.js';
import { ingestBytes, ingestError } from '../support/ingest-helpers.js';
import { toFormatList } from '../support/ps-format-list.js';
import { toPs7Json } from '../support/ps-json.js';
import { scanBytes } from '../support/scan-helpers.js';

const SETTINGS = { LoginType: 'PlainTextLogin', ExternalConnectionSettings: ['mail.contoso.com:995:SSL', 'mail.contoso.com:110:TLS'], ProtocolLogEnabled: true };
const INTERPRETED = ['ProtocolName', 'Server', 'UnencryptedOrTLSBindings', 'SSLBindings', 'InternalConnectionSettings', 'ExternalConnectionSettings', 'LoginType', 'AuthenticatedConnectionTimeout', 'PreAuthenticatedConnectionTimeout', 'MaxConnections', 'MaxConnectionsPerUser', 'ProxyTargetPort', 'ProtocolLogEnabled', 'LogFileLocation', 'LogFileRollOverSettings', 'LogPerFileSizeQuota', 'ExtendedProtectionPolicy', 'EnableGSSAPIAndNTLMAuth', 'Banner'];

describe('Format-List text of Get-PopSettings', () => {
  const objects = ['EX01', 'EX02'].map((s) => protocolSettings('POP3', s, 'deserialized', SETTINGS));

  for (const [name, options] of [
    ['a plain Format-List', {}],
    ['an Exchange Management Shell paste with its prompt line', { prompt: '[PS] C:\\Windows\\system32>Get-PopSettings | fl' }],
    ['a narrow console that wraps long values', { width: 60 }],
    ['LF line ends', { eol: '\n' }],
  ] as const) {
    it(`${name}: the same canonical values as the JSON export, and a lossy-text warning`, async () => {
      const { summary, records } = await ingestBytes('pop.txt', toFormatList(objects, options));
      const { records: fromJson } = await ingestBytes('pop.json', toPs7Json(objects));
      expect(summary).toMatchObject({ kind: 'PopSettings', count: 2, format: 'format-list', flavour: 'unknown' });
      expect(summary.warnings).toEqual([expect.stringMatching(/^read from Format-List text, which is lossy: .* export JSON or CliXml for an audit/)]);
      expect(records.map((r) => r.identity)).toEqual(['EX01', 'EX02']);
      for (const [i, record] of records.entries()) {
        for (const key of INTERPRETED) expect({ key, value: record.props[key] }).toEqual({ key, value: fromJson[i]?.props[key] });
        expect(record.unreadable).toEqual({});
      }
    });
  }

  it('scans like the JSON export when nothing was cut', async () => {
    const verdicts = (r: Awaited<ReturnType<typeof scanBytes>>) => r.findings.map((f) => [f.ruleId, f.identity, f.verdict, f.message, f.remediation]);
    const fromText = await scanBytes('PopSettings.txt', toFormatList(objects));
    const fromJson = await scanBytes('PopSettings.json', toPs7Json(objects));
    expect(verdicts(fromText)).toEqual(verdicts(fromJson));
  });
});

describe('values Format-List cut short are unknown evidence', () => {
  it('a list cut at $FormatEnumerationLimit makes the rules that need it report error, never pass or fail', async () => {
    const settings = protocolSettings('POP3', 'EX01', 'deserialized', {
      ...SETTINGS,
      ExternalConnectionSettings: ['mail.contoso.com:995:SSL', 'pop1.contoso.com:995:SSL', 'pop2.contoso.com:995:SSL', 'pop3.contoso.com:995:SSL', 'legacy.contoso.com:110:'],
    });
    const text = toFormatList([settings], { width: 220 });
    expect(text).toMatch(/ExternalConnectionSettings\s+: \{mail\.contoso\.com:995:SSL, .*pop3\.contoso\.com:995:SSL\.\.\.\}/);
    const { records, summary } = await ingestBytes('pop.txt', text);
    expect(records[0]?.unreadable.ExternalConnectionSettings).toEqual({ reason: 'cut', detail: expect.stringMatching(/cut short with "\.\.\." .*\$FormatEnumerationLimit/) });
    expect(summary.warnings).toContainEqual(expect.stringMatching(/^ExternalConnectionSettings: cut short .* in 1 record .*rules that need it report error — export JSON or CliXml/));
    const result = await scanBytes('pop.txt', text);
    const external = result.findings.find((f) => f.ruleId === 'EXPOP-004' && f.identity === 'EX01');
    expect(external).toMatchObject({ verdict: 'error', message: expect.stringMatching(/ExternalConnectionSettings was cut short/) });
    expect(external?.remediation).toBeUndefined();
  });

  it('a mailbox whose e-mail addresses were cut is unknown for the allow-list rules', async () => {
    const mailbox = casMailboxDeserialized(1, { EmailAddresses: ['SMTP:a@contoso.com', 'smtp:b@contoso.com', 'smtp:c@contoso.com', 'smtp:d@contoso.com', 'smtp:e@contoso.com'] });
    const { records } = await ingestBytes('mbx.txt', toFormatList([mailbox]));
    expect(records[0]?.unreadable.EmailAddresses?.reason).toBe('cut');
    expect(records[0]?.props.PopEnabled).toBe(mailbox.PopEnabled);
  });

  const values: [string, unknown][] = [
    ['', null],
    ['{}', []],
    ['{[::]:110, 0.0.0.0:110}', ['[::]:110', '0.0.0.0:110']],
    ['True', 'True'],
    ['00:30:00', '00:30:00'],
    ['Version 15.2 (Build 1544.4)', 'Version 15.2 (Build 1544.4)'],
  ];
  for (const [text, value] of values) {
    it(`reads "${text}"`, () => {
      expect(formatListValue(text)).toEqual(value);
    });
  }
  for (const text of ['The Microsoft Exchange POP3 service is re...', '{a, b, c, d...}']) {
    it(`"${text}" is cut`, () => {
      expect(formatListValue(text)).toMatchObject({ reason: 'cut' });
    });
  }
});

describe('console text around and between records', () => {
  it('skips a banner before the first record, splits records on blank lines and on a repeated name', async () => {
    const text = [
      'PS C:\\WINDOWS\\system32> Get-CASMailbox -Identity jane | fl',
      'Creating a new Remote PowerShell session using Modern Authentication for implicit remoting of "Get-CASMailbox" command ...',
      '',
      'Name               : jane',
      'PrimarySmtpAddress : jane@contoso.com',
      'PopEnabled         : True',
      'ImapEnabled        : False',
      'Name               : john',
      'PrimarySmtpAddress : john@contoso.com',
      'PopEnabled         : False',
      'ImapEnabled        : True',
      '',
      'PS C:\\WINDOWS\\system32>',
    ].join('\r\n');
    const { summary, records } = await ingestBytes('mbx.txt', text);
    expect(summary.kind).toBe('CASMailbox');
    expect(records.map((r) => [r.identity, r.props.PopEnabled, r.props.ImapEnabled])).toEqual([
      ['jane@contoso.com', true, false],
      ['john@contoso.com', false, true],
    ]);
    expect(summary.warnings[0]).toMatch(/\(1 line before the first record skipped\)/);
  });

  it('a line that is not Format-List once records began is an error with its line number', async () => {
    const err = await ingestError('pop.txt', 'ProtocolName : POP3\r\nServer       : EX01\r\nLoginType    : SecureLogin\r\nExternalImapSettings\r\n');
    expect(err).toMatchObject({ code: 'export/invalid-text', location: { file: 'pop.txt', line: 4 }, message: expect.stringMatching(/not a "Name : Value" line .*'ExternalImapSettings'/) });
  });

  it('Format-Table, with or without a prompt, stays an error with advice to export JSON or CliXml', async () => {
    for (const text of ['Name   LoginType\r\n----   ---------\r\nEX01   SecureLogin\r\n', '[PS] C:\\>Get-PopSettings | ft Server,LoginType\r\n\r\nServer LoginType\r\n------ ---------\r\nEX01   SecureLogin\r\n']) {
      const err = await ingestError('pop.txt', text);
      expect(err.code).toBe('export/not-json');
      expect(err.message).toMatch(/Format-Table/);
      expect(err.hint).toMatch(/Format-Table shows only some properties.*ConvertTo-Json -Depth 5.*Export-Clixml/);
    }
  });
});
