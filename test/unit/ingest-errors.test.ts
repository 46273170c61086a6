import { describe, expect, it } from 'vitest';
import { ingestInputs, type ExportSource } from '../../src/app/ingest-inputs.js';
import { CasguardError } from '../../src/errors.js';
import { casMailboxDeserialized, protocolSettings } from '../support/exchange-objects.js';
import { toPs51Json, toPs7Json } from '../support/ps-json.js';
import { chunked, ingestBytes, ingestError } from '../support/ingest-helpers.js';

describe('empty exports', () => {
  const empties: [string, Buffer | string][] = [
    ['empty file', ''],
    ['lone UTF-8 BOM', Buffer.from([0xef, 0xbb, 0xbf])],
    ['lone UTF-16LE BOM', Buffer.from([0xff, 0xfe])],
    ['UTF-16 BOM and CRLF (Out-File of nothing)', Buffer.from([0xff, 0xfe, 0x0d, 0x00, 0x0a, 0x00])],
    ['[]', '[]\r\n'],
    ['PS 5.1 empty array formatting', '[\r\n\r\n]'],
    ['null (PS 7 of $null)', 'null\n'],
    ['empty wrapper', '{"value": [], "Count": 0}'],
  ];
  for (const [name, bytes] of empties) {
    it(`${name} named after a kind is that kind with zero records and a note`, async () => {
      for (const file of ['ClientAccessRule.json', 'exports/Get-ClientAccessRule.json', 'contoso-clientaccessrules.json']) {
        const { summary } = await ingestBytes(file, bytes);
        expect(summary).toMatchObject({ kind: 'ClientAccessRule', count: 0, kinds: { ClientAccessRule: 0 } });
        expect(summary.warnings).toEqual([expect.stringMatching(/no records: taken as an empty Get-ClientAccessRule export because of the file name/)]);
      }
    });

    it(`${name} with a file name that names no kind is an error`, async () => {
      const err = await ingestError('export.json', bytes);
      expect(err).toBeInstanceOf(CasguardError);
      expect(err.code).toBe('export/empty');
      expect(err.location).toEqual({ file: 'export.json' });
      expect(err.hint).toMatch(/ClientAccessRule\.json/);
    });
  }
});

describe('files that are not JSON exports', () => {
  const notJson: [string, Buffer | string, RegExp][] = [
    ['Format-Table output', 'Name   LoginType\r\n----   ---------\r\nEX01   SecureLogin\r\n', /Format-Table/],
    ['Export-Csv output (5.1)', '#TYPE Microsoft.Exchange.Data.Directory.SystemConfiguration.Pop3AdConfiguration\r\n"ProtocolName","LoginType"\r\n"POP3","SecureLogin"\r\n', /CSV/],
    ['Export-Csv output (7)', '"ProtocolName","LoginType"\n"POP3","SecureLogin"\n', /CSV/],
    ['HTML', '<!DOCTYPE html><html></html>', /XML or HTML/],
    ['plain text', 'hello world', /not JSON, CliXml or Format-List output \(starts with 'hello world'\)/],
    ['XML that is not CliXml', '<?xml version="1.0"?><config><a/></config>', /XML or HTML that is not PowerShell CliXml/],
  ];
  for (const [name, bytes, what] of notJson) {
    it(`${name}: names what it is and how to export JSON`, async () => {
      const err = await ingestError('pop.json', bytes);
      expect(err.code).toBe('export/not-json');
      expect(err.message).toMatch(what);
      expect(err.hint).toMatch(/ConvertTo-Json -Depth 5/);
    });
  }

  it('recognises binary content', async () => {
    const err = await ingestError('pop.json', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]));
    expect(err).toMatchObject({ code: 'export/binary', message: 'not a text export: it looks like a ZIP archive' });
  });

  it('reports truncated JSON with its character offset (the CLI adds line:column)', async () => {
    const text = toPs7Json([protocolSettings('POP3', 'EX01', 'deserialized')]);
    const err = await ingestError('pop.json', text.slice(0, 300));
    expect(err.code).toBe('export/invalid-json');
    expect(err.message).toMatch(/truncated/);
    expect(err.location).toEqual({ file: 'pop.json', charOffset: 300 });
  });

  it('reports bad JSON inside a record with the offset of the bad character', async () => {
    const text = '[\n  {"ProtocolName": "POP3", "LoginType": SecureLogin}\n]';
    const err = await ingestError('pop.json', text);
    expect(err.code).toBe('export/invalid-json');
    expect(err.message).toMatch(/unexpected 'SecureLogin'/);
    expect(err.location?.charOffset).toBe(text.indexOf('SecureLogin'));
  });

  it('rejects invalid UTF-16 with the byte offset', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[{"a": "', 'utf16le'), Buffer.from([0x00, 0xdc]), Buffer.from('"}]', 'utf16le')]);
    const err = await ingestError('pop.json', bytes);
    expect(err).toMatchObject({ code: 'export/invalid-encoding', location: { file: 'pop.json', byteOffset: 18 } });
  });
});

describe('JSON that is not a known export', () => {
  it('names the properties it saw', async () => {
    const err = await ingestError('x.json', toPs51Json([{ TransportRuleName: 'x', Priority: 1, Mode: 'Enforce' }]));
    expect(err.code).toBe('export/unrecognized-kind');
    expect(err.message).toMatch(/the object at \/0 has properties TransportRuleName, Priority, Mode/);
    expect(err.location).toMatchObject({ file: 'x.json', pointer: '/0' });
  });

  it('refuses a scalar document', async () => {
    expect((await ingestError('x.json', '"EX01"')).message).toMatch(/document is a string/);
    expect((await ingestError('x.json', '[1, 2]')).message).toMatch(/expected exported objects, found 1 at \/0/);
  });

  it('refuses POP/IMAP settings that do not say which', async () => {
    const s = { LoginType: 3, SSLBindings: [], UnencryptedOrTLSBindings: [], Server: 'EX01' };
    expect((await ingestError('x.json', JSON.stringify(s))).message).toMatch(/POP3 or IMAP4 settings without ProtocolName/);
  });

  it('refuses a record without any identity', async () => {
    const err = await ingestError('cas.json', JSON.stringify([{ PopEnabled: true, ImapEnabled: true, DisplayName: 'x', OWAEnabled: true }]));
    expect(err.message).toMatch(/CASMailbox record without Identity, PrimarySmtpAddress or Guid at \/0/);
  });

  it('refuses a bundle list holding another kind', async () => {
    const err = await ingestError('b.json', JSON.stringify({ ImapSettings: [protocolSettings('POP3', 'EX01', 'deserialized')] }));
    expect(err.message).toMatch(/bundle's ImapSettings list holds a PopSettings record at \/ImapSettings\/0/);
  });
});

function memorySource(files: Record<string, Buffer | string | Error>): ExportSource {
  return {
    expand: async (inputs) => {
      for (const i of inputs) if (!(i in files)) throw new CasguardError('export/not-found', 'no such file or directory', { location: { file: i } });
      return [...inputs];
    },
    readChunks(path) {
      const content = files[path];
      if (content instanceof Error) return { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(content) }) };
      return chunked(typeof content === 'string' ? Buffer.from(content) : (content as Buffer));
    },
    locate: async (err) => err,
  };
}

describe('several inputs', () => {
  const pop = (server: string) => toPs7Json([protocolSettings('POP3', server, 'deserialized')]);

  it('refuses the same identity in two files, naming both', async () => {
    const source = memorySource({ 'a/PopSettings.json': pop('EX01'), 'b/PopSettings.json': pop('ex01') });
    await expect(ingestInputs(['a/PopSettings.json', 'b/PopSettings.json'], source, () => {})).rejects.toMatchObject({
      code: 'export/duplicate-identity',
      message: 'duplicate PopSettings "ex01": it also appears in a/PopSettings.json',
      location: { file: 'b/PopSettings.json', pointer: '/0' },
    });
  });

  it('refuses a mailbox listed twice in one file', async () => {
    const source = memorySource({ 'cas.json': toPs7Json([casMailboxDeserialized(1), casMailboxDeserialized(1)]) });
    await expect(ingestInputs(['cas.json'], source, () => {})).rejects.toMatchObject({ message: expect.stringMatching(/earlier in the same file/), location: { pointer: '/1' } });
  });

  it('names the one bad file among many, and with keepGoing reads the rest', async () => {
    const source = memorySource({ 'a.json': pop('EX01'), 'bad.json': '{"broken": ', 'c.json': pop('EX03') });
    await expect(ingestInputs(['a.json', 'bad.json', 'c.json'], source, () => {})).rejects.toMatchObject({ location: { file: 'bad.json' } });
    const result = await ingestInputs(['a.json', 'bad.json', 'c.json', 'missing.json'], source, () => {}, { keepGoing: true });
    expect(result.summaries.map((s) => s.path)).toEqual(['a.json', 'c.json']);
    expect(result.failures.map((f) => [f.path, f.error.code])).toEqual([
      ['missing.json', 'export/not-found'],
      ['bad.json', 'export/invalid-json'],
    ]);
  });

  it('turns a read failure (permission denied) into an error naming the file', async () => {
    const denied = Object.assign(new Error("EACCES: permission denied, open 'secret.json'"), { code: 'EACCES' });
    const source = memorySource({ 'secret.json': denied });
    await expect(ingestInputs(['secret.json'], source, () => {})).rejects.toMatchObject({ code: 'export/unreadable', location: { file: 'secret.json' } });
  });
});

describe('text that is not an export gets advice for what it is (issue 7 §4)', () => {
  const cases: [string, string, RegExp, RegExp][] = [
    ['an Exchange Management Shell paste that is not Format-List', '[PS] C:\\Windows\\system32>Get-ImapSettings\r\n\r\nThe term was not recognized\r\n', /Exchange Management Shell \(Get-ImapSettings output\) that is not Format-List output/, /^export JSON or CliXml instead: Get-ImapSettings \| ConvertTo-Json -Depth 5 \| Out-File ImapSettings\.json/],
    ['a protocol log with its header', '#Software: Microsoft Exchange Server\r\n#Version: 15.02.1544.004\r\n#Log-type: IMAP4 Protocol Log\r\n#Date: 2026-11-20T00:00:00.000Z\r\n#Fields: dateTime,sessionId,seqNumber,sIp,cIp,user,duration,rqsize,rpsize,command,parameters,context,puid\r\n', /an Exchange IMAP4 protocol log, not a settings export/, /protocol logs show who connects/],
    ['protocol log lines without a header', '2026-11-20T08:00:01.123Z,0000000000000001,0,10.0.0.5:110,203.0.113.9:51234,,,,,OpenSession,,,\r\n', /an Exchange protocol log/, /Get-PopSettings \| ConvertTo-Json/],
  ];
  for (const [name, text, what, hint] of cases) {
    it(name, async () => {
      const err = await ingestError('export.txt', text);
      expect(err.code).toBe('export/not-json');
      expect(err.message).toMatch(what);
      expect(err.hint).toMatch(hint);
    });
  }

  it('any nesting depth is a one-line error naming the file, never a stack overflow', async () => {
    for (const text of ['['.repeat(100_000) + ']'.repeat(100_000), '['.repeat(100_000), '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)]) {
      const err = await ingestError('deep.json', text);
      expect(err).toBeInstanceOf(CasguardError);
      expect(err.code).not.toBe('internal/unexpected');
      expect(err.location?.file).toBe('deep.json');
      expect(err.message).not.toMatch(/call stack/);
    }
  });

  it('a property nested thousands of levels deep is unreadable, not a crash', async () => {
    const deep = '['.repeat(4200) + ']'.repeat(4200);
    const { records, summary } = await ingestBytes('pop.json', `[{"Server":"EX01","ProtocolName":"POP3","LoginType":${deep},"ProtocolLogEnabled":true}]`);
    expect(records[0]?.unreadable.LoginType).toMatchObject({ reason: 'invalid', detail: 'nested more than 32 levels deep' });
    expect(summary.warnings.join('\n')).toMatch(/LoginType: unreadable value/);
  });

  it('a service export without the POP3/IMAP4 services is named as such', async () => {
    const rows = [{ Name: 'Spooler', ServiceName: 'Spooler', Status: 4, StartType: 2, MachineName: 'PRINT01', PSComputerName: 'PRINT01' }];
    const { summary } = await ingestBytes('services.json', JSON.stringify(rows));
    expect(summary.warnings).toContainEqual(expect.stringMatching(/^no MSExchangePOP3, MSExchangePOP3BE, MSExchangeIMAP4 or MSExchangeIMAP4BE service in this service export: .*not taken for Exchange servers/));
  });
});

describe('the export manifest', () => {
  it('says what the export script could not export, so a missing file is not taken for an empty one', async () => {
    const manifest = {
      casguardManifest: 1,
      exportedAt: '2026-11-20T09:30:00Z',
      organization: 'Contoso',
      notExported: { ClientAccessRule: 'Get-ClientAccessRule is not available in this shell' },
      unreachable: { EX03: 'Get-PopSettings: object EX03 could not be found' },
    };
    const { summary } = await ingestBytes('manifest.json', JSON.stringify(manifest));
    expect(summary).toMatchObject({ kind: 'manifest', exportedAt: '2026-11-20T09:30:00Z', organization: 'Contoso' });
    expect(summary.warnings).toEqual([
      'ClientAccessRule not exported: Get-ClientAccessRule is not available in this shell',
      'not exported from server EX03: Get-PopSettings: object EX03 could not be found',
    ]);
  });
});
