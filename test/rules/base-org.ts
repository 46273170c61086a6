// The compliant organisation every rule case starts from: two Exchange SE servers with hardened POP3 and
// IMAP4 settings and disabled services, a few mailboxes with both protocols off, and the recommended
// client access rules. Each case file patches one thing and states the verdicts it expects.

import { casMailboxDeserialized, clientAccessRule, exchangeServer, protocolServices, protocolSettings } from '../support/exchange-objects.js';

const SERVERS = ['EX01', 'EX02'];

function hardened(protocol: 'POP3' | 'IMAP4', server: string): Record<string, unknown> {
  const ssl = protocol === 'POP3' ? 995 : 993;
  const plain = protocol === 'POP3' ? 110 : 143;
  return protocolSettings(protocol, server, 'deserialized', {
    UnencryptedOrTLSBindings: [`127.0.0.1:${plain}`],
    SSLBindings: [`[::]:${ssl}`, `0.0.0.0:${ssl}`],
    InternalConnectionSettings: [`${server.toLowerCase()}.corp.contoso.com:${ssl}:SSL`],
    ExternalConnectionSettings: [`mail.contoso.com:${ssl}:SSL`],
    X509CertificateName: 'mail.contoso.com',
    Banner: `${protocol} server ready`,
    ProtocolLogEnabled: true,
    LogFileLocation: `D:\\Logs\\${protocol}`,
    LogPerFileSizeQuota: '10 MB (10,485,760 bytes)',
    MaxConnections: 2000,
    MaxConnectionFromSingleIP: 20,
    MaxConnectionsPerUser: 16,
    ExtendedProtectionPolicy: 'Require',
    EnforceCertificateErrors: true,
  }) as Record<string, unknown>;
}

const disabled = Object.fromEntries(['MSExchangePop3', 'MSExchangePOP3BE', 'MSExchangeImap4', 'MSExchangeIMAP4BE'].map((n) => [n, ['Stopped', 'Disabled']]));

/** The base organisation as a bundle of raw (PS 7, deserialized) export objects keyed by kind. */
export function baseOrganisation(): Record<string, Record<string, unknown>[]> {
  const mailbox = (i: number, name: string, sam: string) => casMailboxDeserialized(i, { Name: name, SamAccountName: sam, DisplayName: name, PopEnabled: false, ImapEnabled: false }) as Record<string, unknown>;
  return {
    PopSettings: SERVERS.map((s) => hardened('POP3', s)),
    ImapSettings: SERVERS.map((s) => hardened('IMAP4', s)),
    Service: SERVERS.flatMap((s) => protocolServices(s, 'deserialized', disabled) as Record<string, unknown>[]),
    ExchangeServer: SERVERS.map((s) => exchangeServer(s, 'SE', 'deserialized') as Record<string, unknown>),
    CASMailbox: [
      mailbox(1, 'Administrator', 'Administrator'),
      mailbox(2, 'Jane Smith (admin)', 'adm-jsmith'),
      mailbox(3, 'DiscoverySearchMailbox{D919BA05-46A6-415f-80AD-7E09334BB852}', 'SM_discovery'),
      mailbox(4, 'Ann Example', 'aexample'),
      { ...mailbox(5, 'Scanner Service', 'svc-scanner'), PopEnabled: true },
    ],
    ClientAccessRule: [
      clientAccessRule({ Name: 'Always Allow Remote PowerShell', Priority: 1, Action: 'AllowAccess', AnyOfProtocols: ['RemotePowerShell'] }, 'deserialized') as Record<string, unknown>,
      clientAccessRule({ Name: 'Block EAC from outside', Priority: 2, Action: 'DenyAccess', AnyOfProtocols: ['ExchangeAdminCenter'], ExceptAnyOfClientIPAddressesOrRanges: ['10.0.0.0/8'] }, 'deserialized') as Record<string, unknown>,
    ],
  };
}

/** Params of the base organisation on top of the pack's defaults. */
export const BASE_PARAMS = { pop: { allowList: ['svc-scanner'] } };

/** The identity a case uses to address a record of the base organisation. */
export function caseKey(kind: string, record: Record<string, unknown>): string {
  if (kind === 'PopSettings' || kind === 'ImapSettings') return String(record.Server);
  if (kind === 'Service') return `${String(record.PSComputerName).split('.')[0]?.toUpperCase()}/${String(record.Name)}`;
  return String(record.Name);
}
