import { describe, expect, it } from 'vitest';
import { ENUMS } from '../../src/normalize/enums.js';
import { canonicalName, toAdIdentity, toAdName, toExchangeVersion, toSizeLimit } from '../../src/normalize/directory-values.js';
import { toConnectionSettings, toIpBindings, toIpRanges } from '../../src/normalize/network-values.js';
import { formatTimeSpan, toDate, toTimeSpan } from '../../src/normalize/time-values.js';
import { Collapsed, toBool, toEnum, toInt, toStringList, unwrapPsObject, ValueProblem, type Normalizer } from '../../src/normalize/values.js';

function cases(name: string, fn: Normalizer, table: [unknown, unknown][]) {
  describe(name, () => {
    for (const [input, expected] of table) {
      it(`${JSON.stringify(input)} → ${expected instanceof Function ? expected.name : JSON.stringify(expected)}`, () => {
        const out = fn(input);
        if (expected === ValueProblem || expected === 'truncated') {
          expect(out).toBeInstanceOf(ValueProblem);
          if (expected === 'truncated') expect((out as ValueProblem).reason).toBe('truncated');
        } else if (expected instanceof Collapsed) {
          expect(out).toBeInstanceOf(Collapsed);
          expect((out as Collapsed).value).toEqual(expected.value);
        } else {
          expect(out).toEqual(expected);
        }
      });
    }
  });
}

cases('toEnum(LoginOptions)', toEnum(ENUMS.LoginOptions), [
  [1, 'PlainTextLogin'],
  [2, 'PlainTextAuthentication'],
  [3, 'SecureLogin'],
  ['3', 'SecureLogin'],
  ['securelogin', 'SecureLogin'],
  ['PlainTextLogin', 'PlainTextLogin'],
  [{ value: 3, DisplayHint: 0 }, 'SecureLogin'],
  [7, ValueProblem],
  ['Kerberos', ValueProblem],
  [null, null],
]);

cases('toEnum(ServerRole) flags', toEnum(ENUMS.ServerRole), [
  [2, ['Mailbox']],
  [6, ['Mailbox', 'ClientAccess']],
  ['Mailbox, ClientAccess', ['Mailbox', 'ClientAccess']],
  [64, ['Edge']],
]);

cases('toEnum(ServiceStartMode)', toEnum(ENUMS.ServiceStartMode), [
  [2, 'Automatic'],
  ['Auto', 'Automatic'],
  [4, 'Disabled'],
  ['Manual', 'Manual'],
  [10, 'AutomaticDelayedStart'],
]);

cases('toBool', toBool, [
  [true, true],
  ['True', true],
  ['false', false],
  ['$true', true],
  [null, null],
  ['yes', ValueProblem],
]);

cases('toInt', toInt, [
  [2147483647, 2147483647],
  ['16', 16],
  ['Unlimited', 'Unlimited'],
  [{ IsUnlimited: false, Value: 5 }, 5],
  [{ IsUnlimited: true }, 'Unlimited'],
  [1.5, ValueProblem],
]);

cases('toTimeSpan', toTimeSpan, [
  ['00:30:00', 1800],
  ['1.00:00:00', 86400],
  ['00:00:00.3000000', 0.3],
  ['-00:01:00', -60],
  [{ Days: 0, Hours: 0, Minutes: 30, Ticks: 18000000000, TotalSeconds: 1800, Sign: 1 }, 1800],
  [{ TotalSeconds: 60 }, 60],
  ['System.TimeSpan', 'truncated'],
  ['half an hour', ValueProblem],
]);

cases('toDate', toDate, [
  ['/Date(1619484412000)/', '2021-04-27T00:46:52.000Z'],
  ['/Date(1619484412000+0200)/', '2021-04-27T00:46:52.000Z'],
  ['/Date(-86400000)/', '1969-12-31T00:00:00.000Z'],
  ['2021-09-28T10:32:01-07:00', '2021-09-28T17:32:01.000Z'],
  ['2021-09-28T10:32:01.1234567Z', '2021-09-28T10:32:01.123Z'],
  ['2021-09-28T10:32:01', '2021-09-28T10:32:01'],
  [{ value: '/Date(0)/', DisplayHint: 2, DateTime: 'Thursday, January 1, 1970' }, '1970-01-01T00:00:00.000Z'],
  ['yesterday', ValueProblem],
]);

cases('toIpBindings', toIpBindings, [
  [['[::]:995', '0.0.0.0:995'], [{ address: '::', port: 995 }, { address: '0.0.0.0', port: 995 }]],
  [[{ Address: '0.0.0.0', AddressFamily: 2, Port: 110 }], [{ address: '0.0.0.0', port: 110 }]],
  [[{ Address: { Address: 16777343, AddressFamily: 2 }, Port: 995 }], [{ address: '127.0.0.1', port: 995 }]],
  [[{ Address: { IPAddressToString: '::1', AddressFamily: 23 }, Port: 995 }], [{ address: '::1', port: 995 }]],
  [[{ Address: { Address: null, AddressFamily: 23 }, Port: 995 }], ValueProblem],
  [{ value: ['[::]:143'], Count: 1 }, [{ address: '::', port: 143 }]],
  [null, []],
  [[], []],
  ['[::]:995 0.0.0.0:995', new Collapsed([{ address: '::', port: 995 }, { address: '0.0.0.0', port: 995 }])],
  ['Microsoft.Exchange.Data.MultiValuedProperty`1[Microsoft.Exchange.Data.IPBinding]', 'truncated'],
  ['System.Collections.ArrayList', 'truncated'],
  [['mail:notaport'], ValueProblem],
]);

cases('toConnectionSettings', toConnectionSettings, [
  [['mail.contoso.com:993:SSL', 'EX01.contoso.com:143:TLS', 'mail.contoso.com:110'], [
    { hostname: 'mail.contoso.com', port: 993, encryption: 'SSL' },
    { hostname: 'ex01.contoso.com', port: 143, encryption: 'TLS' },
    { hostname: 'mail.contoso.com', port: 110, encryption: null },
  ]],
  [['mail.contoso.com:110:'], [{ hostname: 'mail.contoso.com', port: 110, encryption: null }]],
  [[{ Hostname: 'mail.contoso.com', Port: 995, EncryptionType: 0 }], [{ hostname: 'mail.contoso.com', port: 995, encryption: 'SSL' }]],
  [[{ Hostname: { HostnameString: 'mail.contoso.com' }, Port: 143, EncryptionType: 1 }], [{ hostname: 'mail.contoso.com', port: 143, encryption: 'TLS' }]],
  [[{ Hostname: 'mail.contoso.com', Port: 110, EncryptionType: null }], [{ hostname: 'mail.contoso.com', port: 110, encryption: null }]],
  [['mail.contoso.com:993:SSL:extra'], ValueProblem],
]);

cases('toSizeLimit', toSizeLimit, [
  ['Unlimited', { unlimited: true, bytes: null }],
  ['10 MB (10,485,760 bytes)', { unlimited: false, bytes: 10485760 }],
  ['0 B (0 bytes)', { unlimited: false, bytes: 0 }],
  [{ IsUnlimited: true, Value: null }, { unlimited: true, bytes: null }],
  [{ IsUnlimited: false, Value: {} }, { unlimited: false, bytes: null }],
  [0, { unlimited: false, bytes: 0 }],
  ['lots', ValueProblem],
]);

cases('toAdIdentity', toAdIdentity, [
  ['EX01\\1', 'EX01\\1'],
  [{ Name: 'Jane', DistinguishedName: 'CN=Jane Smith\\, Admin,OU=Staff,DC=corp,DC=contoso,DC=com' }, 'corp.contoso.com/Staff/Jane Smith, Admin'],
  [{ Name: 'Default' }, 'Default'],
  [42, ValueProblem],
]);

cases('toAdName', toAdName, [
  ['EX01', 'EX01'],
  [{ Name: 'EX01', DistinguishedName: 'CN=EX01,CN=Servers' }, 'EX01'],
]);

cases('toExchangeVersion', toExchangeVersion, [
  ['Version 15.2 (Build 1544.4)', '15.2.1544.4'],
  [{ Major: 15, Minor: 1, Build: 2507, Revision: 6, FilePatchLevelDescription: null }, '15.1.2507.6'],
  ['15.2.2562.17', '15.2.2562.17'],
  ['Exchange 2019', ValueProblem],
]);

cases('toStringList', toStringList, [
  [['SMTP:a@contoso.com', 'smtp:b@contoso.com'], ['SMTP:a@contoso.com', 'smtp:b@contoso.com']],
  ['DcomLaunch RpcEptMapper', new Collapsed(['DcomLaunch', 'RpcEptMapper'])],
  [null, []],
]);

cases('toIpRanges', toIpRanges, [
  [['10.0.0.0/8', '10.0.0.1-10.0.0.9'], ['10.0.0.0/8', '10.0.0.1-10.0.0.9']],
  [[{ Expression: '192.168.0.0/24', RangeFormat: 1 }], ['192.168.0.0/24']],
  [[{ LowerBound: '10.1.1.1', UpperBound: '10.1.1.1' }], ['10.1.1.1']],
]);

describe('helpers', () => {
  it('unwraps ETS wrappers but not ordinary objects that have a value property', () => {
    expect(unwrapPsObject({ value: [1, 2], Count: 2 })).toEqual([1, 2]);
    expect(unwrapPsObject({ value: 'x', Guid: 'x' })).toBe('x');
    expect(unwrapPsObject({ value: 1, Other: 2 })).toEqual({ value: 1, Other: 2 });
  });

  it('formats seconds as .NET TimeSpans', () => {
    expect(formatTimeSpan(1800)).toBe('00:30:00');
    expect(formatTimeSpan(86400)).toBe('1.00:00:00');
    expect(formatTimeSpan(0.3)).toBe('00:00:00.3000000');
  });

  it('builds canonical names from distinguished names', () => {
    expect(canonicalName('CN=Administrator,CN=Users,DC=corp,DC=contoso,DC=com')).toBe('corp.contoso.com/Users/Administrator');
  });
});

describe('isoFromMilliseconds', () => {
  it('writes exactly what Date.prototype.toISOString writes', async () => {
    const fc = (await import('fast-check')).default;
    const { isoFromMilliseconds } = await import('../../src/normalize/time-values.js');
    fc.assert(
      fc.property(fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 }), (ms) => {
        expect(isoFromMilliseconds(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
    for (const ms of [0, -1, 951_782_400_000, 1_709_164_800_000]) expect(isoFromMilliseconds(ms)).toBe(new Date(ms).toISOString());
  });
});
