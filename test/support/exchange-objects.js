// Builders for Exchange objects as ConvertTo-Json sees them, in the two flavours of
// ../export-shapes.md §1: "live" (EMS: numeric enums, nested ADObjectId/TimeSpan/IPBinding objects)
// and "deserialized" (PS 7 / remoting: enums as names, complex values as their ToString()).

import { ps51Date } from './ps-json.js';

const ORG_DN = 'DC=corp,DC=contoso,DC=com';
const PARTITION_GUID = '59ce2f71-eaa2-4ddf-a4fa-f25069d0b324';

/** Deterministic GUID-shaped string from a number, so fixtures are stable. */
export function fakeGuid(n, salt = 0) {
  const hex = ((n * 2654435761 + salt * 40503) >>> 0).toString(16).padStart(8, '0');
  const tail = (n + salt).toString(16).padStart(12, '0').slice(-12);
  return `${hex}-${hex.slice(0, 4)}-4${hex.slice(1, 4)}-a${hex.slice(5, 8)}-${tail}`;
}

/** ADObjectId as a live object at depth 1 (its own nested ids already collapsed to strings). */
export function adObjectId(name, dn, guid) {
  return {
    OrgHierarchyToIgnore: null,
    IsDeleted: false,
    Rdn: `CN=${name}`,
    Parent: dn.split(',').slice(1).join(',').replace(/^CN=|,CN=|,OU=|,DC=/g, (m) => (m === ',DC=' ? '.' : '/')),
    Depth: dn.split(',').length,
    DistinguishedName: dn,
    IsRelativeDn: false,
    DomainId: 'corp.contoso.com',
    PartitionGuid: PARTITION_GUID,
    PartitionFQDN: 'corp.contoso.com',
    ObjectGuid: guid,
    Name: name,
  };
}

/** .NET TimeSpan/EnhancedTimeSpan as a live object. */
export function timeSpanObject(seconds) {
  const ticks = seconds * 1e7;
  return {
    Days: Math.floor(seconds / 86400),
    Hours: Math.floor(seconds / 3600) % 24,
    Milliseconds: 0,
    Minutes: Math.floor(seconds / 60) % 60,
    Seconds: seconds % 60,
    Ticks: ticks,
    TotalDays: seconds / 86400,
    TotalHours: seconds / 3600,
    TotalMilliseconds: seconds * 1000,
    TotalMinutes: seconds / 60,
    TotalSeconds: seconds,
    Sign: 1,
  };
}

/**
 * One Get-CASMailbox object as Windows PowerShell 5.1 in EMS exports it (live flavour: numeric
 * enums, an ADObjectId Identity object, `\/Date()\/` dates, remoting members). About 3.7 KB in 5.1 formatting.
 */
export function casMailboxLive(i, overrides = {}) {
  const sam = overrides.SamAccountName ?? `user${String(i).padStart(6, '0')}`;
  const name = overrides.Name ?? `User ${String(i).padStart(6, '0')}`;
  const dn = `CN=${name},OU=Staff,${ORG_DN}`;
  const guid = fakeGuid(i);
  const created = new Date(Date.UTC(2019, 0, 1) + (i % 1000) * 86400000);
  const changed = new Date(Date.UTC(2026, 9, 1) + (i % 500) * 60000);
  return {
    EmailAddresses: [`SMTP:${sam}@contoso.com`, `smtp:${sam}@corp.contoso.com`],
    LegacyExchangeDN: `/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=${guid.slice(0, 8)}-${sam}`,
    LinkedMasterAccount: '',
    PrimarySmtpAddress: `${sam}@contoso.com`,
    SamAccountName: sam,
    ServerLegacyDN: '/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=EXSE01',
    ServerName: 'exse01',
    DisplayName: name,
    ActiveSyncAllowedDeviceIDs: [],
    ActiveSyncBlockedDeviceIDs: [],
    ActiveSyncMailboxPolicy: 'Default',
    ActiveSyncMailboxPolicyIsDefaulted: true,
    ActiveSyncDebugLogging: false,
    ActiveSyncEnabled: true,
    HasActiveSyncDevicePartnership: i % 3 === 0,
    ActiveSyncSuppressReadReceipt: false,
    ExternalImapSettings: null,
    InternalImapSettings: null,
    ExternalPopSettings: null,
    InternalPopSettings: null,
    ExternalSmtpSettings: null,
    InternalSmtpSettings: null,
    OwaMailboxPolicy: 'Default',
    OWAEnabled: true,
    OWAforDevicesEnabled: true,
    ECPEnabled: true,
    PopEnabled: true,
    PopUseProtocolDefaults: true,
    PopMessagesRetrievalMimeFormat: 5,
    PopEnableExactRFC822Size: false,
    PopSuppressReadReceipt: false,
    PopForceICalForCalendarRetrievalOption: false,
    ImapEnabled: true,
    ImapUseProtocolDefaults: true,
    ImapMessagesRetrievalMimeFormat: 5,
    ImapEnableExactRFC822Size: false,
    ImapSuppressReadReceipt: false,
    ImapForceICalForCalendarRetrievalOption: false,
    MAPIEnabled: true,
    MapiHttpEnabled: null,
    MAPIBlockOutlookNonCachedMode: false,
    MAPIBlockOutlookVersions: '',
    MAPIBlockOutlookRpcHttp: false,
    MAPIBlockOutlookExternalConnectivity: false,
    EwsEnabled: null,
    EwsAllowOutlook: null,
    EwsAllowMacOutlook: null,
    EwsAllowEntourage: null,
    EwsApplicationAccessPolicy: null,
    EwsAllowList: null,
    EwsBlockList: null,
    ShowGalAsDefaultView: true,
    IsOptimizedForAccessibility: false,
    PublicFolderClientAccess: false,
    AdminDisplayName: '',
    ExchangeVersion: '0.20 (15.0.0.0)',
    Name: name,
    DistinguishedName: dn,
    Identity: adObjectId(name, dn, guid),
    Guid: guid,
    ObjectCategory: 'corp.contoso.com/Configuration/Schema/Person',
    ObjectClass: ['top', 'person', 'organizationalPerson', 'user'],
    WhenChanged: ps51Date(changed),
    WhenCreated: ps51Date(created),
    WhenChangedUTC: ps51Date(changed),
    WhenCreatedUTC: ps51Date(created),
    OrganizationId: '',
    Id: `corp.contoso.com/Staff/${name}`,
    OriginatingServer: 'DC01.corp.contoso.com',
    IsValid: true,
    ObjectState: 0,
    PSComputerName: 'exse01.corp.contoso.com',
    RunspaceId: fakeGuid(1, 99),
    PSShowComputerName: false,
    ...overrides,
  };
}

const LOGIN = { PlainTextLogin: 1, PlainTextAuthentication: 2, SecureLogin: 3 };
const DOMAIN = 'corp.contoso.com';

function protocolConstants(protocol) {
  return protocol === 'POP3'
    ? { plain: 110, ssl: 995, proxy: 1995, banner: 'The Microsoft Exchange POP3 service is ready.', folder: 'Pop3' }
    : { plain: 143, ssl: 993, proxy: 1993, banner: 'The Microsoft Exchange IMAP4 service is ready.', folder: 'Imap4' };
}

/**
 * Get-PopSettings / Get-ImapSettings for one server. `settings` uses canonical values (names, seconds,
 * "addr:port" and "host:port:ENC" strings) and is rendered in the requested flavour:
 * 'live' (EMS: numbers and nested objects) or 'deserialized' (PS 7 remoting: names and strings).
 */
export function protocolSettings(protocol, server, flavour, settings = {}) {
  const c = protocolConstants(protocol);
  const s = {
    LoginType: 'SecureLogin',
    UnencryptedOrTLSBindings: [`[::]:${c.plain}`, `0.0.0.0:${c.plain}`],
    SSLBindings: [`[::]:${c.ssl}`, `0.0.0.0:${c.ssl}`],
    InternalConnectionSettings: [`${server.toLowerCase()}.${DOMAIN}:${c.ssl}:SSL`, `${server.toLowerCase()}.${DOMAIN}:${c.plain}:TLS`],
    ExternalConnectionSettings: [],
    X509CertificateName: '',
    Banner: c.banner,
    ProtocolLogEnabled: false,
    LogFileLocation: `C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Logging\\${c.folder}`,
    LogFileRollOverSettings: 'Hourly',
    LogPerFileSizeQuota: 'Unlimited',
    AuthenticatedConnectionTimeout: 1800,
    PreAuthenticatedConnectionTimeout: 60,
    MaxConnections: 2147483647,
    MaxConnectionFromSingleIP: 2147483647,
    MaxConnectionsPerUser: 16,
    ProxyTargetPort: c.proxy,
    ExtendedProtectionPolicy: 'None',
    EnableGSSAPIAndNTLMAuth: true,
    EnforceCertificateErrors: false,
    ...settings,
  };
  const live = flavour === 'live';
  const serverDn = `CN=${server},CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=corp,DC=contoso,DC=com`;
  const dn = `CN=1,CN=${protocol},CN=Protocols,${serverDn}`;
  const guid = fakeGuid(server.length * 31 + (protocol === 'POP3' ? 1 : 2), 7);
  const binding = (b) => {
    if (!live) return b;
    const m = /^\[?([^\]]*?)\]?:(\d+)$/.exec(b);
    return { Address: m[1], AddressFamily: m[1].includes(':') ? 23 : 2, Port: Number(m[2]) };
  };
  const conn = (x) => {
    if (!live) return x;
    const [host, port, enc] = x.split(':');
    return { Hostname: host, Port: Number(port), EncryptionType: enc === 'SSL' ? 0 : enc === 'TLS' ? 1 : null };
  };
  const span = (seconds) => (live ? timeSpanObject(seconds) : formatSpan(seconds));
  const enumOf = (table, name) => (live ? table[name] : name);
  const record = {
    ProtocolName: protocol,
    Server: live ? adObjectId(server, serverDn, fakeGuid(server.length, 3)) : server,
    UnencryptedOrTLSBindings: s.UnencryptedOrTLSBindings.map(binding),
    SSLBindings: s.SSLBindings.map(binding),
    InternalConnectionSettings: s.InternalConnectionSettings.map(conn),
    ExternalConnectionSettings: s.ExternalConnectionSettings.map(conn),
    X509CertificateName: s.X509CertificateName,
    Banner: s.Banner,
    LoginType: enumOf(LOGIN, s.LoginType),
    AuthenticatedConnectionTimeout: span(s.AuthenticatedConnectionTimeout),
    PreAuthenticatedConnectionTimeout: span(s.PreAuthenticatedConnectionTimeout),
    MaxConnections: s.MaxConnections,
    MaxConnectionFromSingleIP: s.MaxConnectionFromSingleIP,
    MaxConnectionsPerUser: s.MaxConnectionsPerUser,
    MaxCommandSize: protocol === 'POP3' ? 512 : 10240,
    MessageRetrievalMimeFormat: live ? 5 : 'BestBodyFormat',
    ...(protocol === 'POP3' ? { MessageRetrievalSortOrder: live ? 0 : 'Ascending' } : { ShowHiddenFoldersEnabled: s.ShowHiddenFoldersEnabled ?? false }),
    ProxyTargetPort: s.ProxyTargetPort,
    CalendarItemRetrievalOption: live ? 0 : 'iCalendar',
    OwaServerUrl: null,
    EnableExactRFC822Size: false,
    LiveIdBasicAuthReplacement: false,
    SuppressReadReceipt: false,
    ProtocolLogEnabled: s.ProtocolLogEnabled,
    EnforceCertificateErrors: s.EnforceCertificateErrors,
    LogFileLocation: s.LogFileLocation,
    LogFileRollOverSettings: enumOf({ Hourly: 1, Daily: 2, Weekly: 3, Monthly: 4 }, s.LogFileRollOverSettings),
    LogPerFileSizeQuota: live ? (s.LogPerFileSizeQuota === 'Unlimited' ? { IsUnlimited: true, Value: null } : { IsUnlimited: false, Value: {} }) : s.LogPerFileSizeQuota,
    ExtendedProtectionPolicy: enumOf({ None: 0, Allow: 1, Require: 2 }, s.ExtendedProtectionPolicy),
    EnableGSSAPIAndNTLMAuth: s.EnableGSSAPIAndNTLMAuth,
    AdminDisplayName: '',
    ExchangeVersion: '0.10 (14.0.100.0)',
    Name: '1',
    DistinguishedName: dn,
    Identity: live ? adObjectId('1', dn, guid) : `${server}\\1`,
    Guid: guid,
    ObjectCategory: `${DOMAIN}/Configuration/Schema/ms-Exch-Protocol-Cfg-${protocol === 'POP3' ? 'POP' : 'IMAP'}-Server`,
    ObjectClass: ['top', 'protocolCfg', `protocolCfg${protocol === 'POP3' ? 'POP' : 'IMAP'}`, `protocolCfg${protocol === 'POP3' ? 'POP' : 'IMAP'}Server`],
    WhenChanged: live ? '/Date(1761955200000)/' : '2025-11-01T00:00:00+01:00',
    WhenCreated: live ? '/Date(1577836800000)/' : '2020-01-01T00:00:00+01:00',
    WhenChangedUTC: live ? '/Date(1761951600000)/' : '2025-10-31T23:00:00Z',
    WhenCreatedUTC: live ? '/Date(1577833200000)/' : '2019-12-31T23:00:00Z',
    OrganizationId: '',
    Id: live ? adObjectId('1', dn, guid) : `${server}\\1`,
    OriginatingServer: `DC01.${DOMAIN}`,
    IsValid: true,
    ObjectState: live ? 1 : 'Unchanged',
  };
  if (live) Object.assign(record, { PSComputerName: `${server.toLowerCase()}.${DOMAIN}`, RunspaceId: fakeGuid(4, 4), PSShowComputerName: false });
  return record;
}

function formatSpan(seconds) {
  const d = Math.floor(seconds / 86400);
  const rest = seconds - d * 86400;
  const pad = (n) => String(n).padStart(2, '0');
  return `${d ? `${d}.` : ''}${pad(Math.floor(rest / 3600))}:${pad(Math.floor((rest % 3600) / 60))}:${pad(rest % 60)}`;
}

/** Get-CASMailbox as PS 7 remoting (deserialized flavour) exports it: identity strings, ISO dates. */
export function casMailboxDeserialized(i, overrides = {}) {
  const live = casMailboxLive(i, overrides);
  const dn = live.DistinguishedName;
  return {
    ...live,
    Identity: `${DOMAIN}/${dn.split(',')[1].slice(3)}/${live.Name}`,
    Id: `${DOMAIN}/${dn.split(',')[1].slice(3)}/${live.Name}`,
    PopMessagesRetrievalMimeFormat: 'BestBodyFormat',
    ImapMessagesRetrievalMimeFormat: 'BestBodyFormat',
    WhenChanged: '2026-10-01T00:00:00+02:00',
    WhenCreated: '2019-01-01T00:00:00+01:00',
    WhenChangedUTC: '2026-09-30T22:00:00Z',
    WhenCreatedUTC: '2018-12-31T23:00:00Z',
    ObjectState: 'Unchanged',
    ...overrides,
  };
}

const VERSIONS = {
  2016: { Major: 15, Minor: 1, Build: 2507, Revision: 6, text: 'Version 15.1 (Build 2507.6)' },
  2019: { Major: 15, Minor: 2, Build: 1544, Revision: 4, text: 'Version 15.2 (Build 1544.4)' },
  SE: { Major: 15, Minor: 2, Build: 2562, Revision: 17, text: 'Version 15.2 (Build 2562.17)' },
};

/** Get-ExchangeServer for one server; `release` is 2016, 2019 or 'SE'. */
export function exchangeServer(name, release, flavour) {
  const live = flavour === 'live';
  const v = VERSIONS[release];
  const dn = `CN=${name},CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=corp,DC=contoso,DC=com`;
  return {
    Name: name,
    DataPath: 'C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Mailbox',
    Domain: DOMAIN,
    // ServerEditionType: Enterprise is 3 (CSS-Exchange Health Checker CliXML of a real server).
    Edition: live ? 3 : 'Enterprise',
    ExchangeLegacyDN: `/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=${name}`,
    Fqdn: `${name.toLowerCase()}.${DOMAIN}`,
    IsHubTransportServer: true,
    IsClientAccessServer: true,
    IsEdgeServer: false,
    IsMailboxServer: true,
    IsE15OrLater: true,
    IsFrontendTransportServer: true,
    NetworkAddress: [`ncacn_vns_spp:${name}`, `netbios:${name}`, `ncacn_np:${name}`, `ncacn_spx:${name}`, `ncacn_ip_tcp:${name.toLowerCase()}.${DOMAIN}`, `ncalrpc:${name}`],
    AdminDisplayVersion: live ? { Major: v.Major, Minor: v.Minor, Build: v.Build, Revision: v.Revision, FilePatchLevelDescription: null } : v.text,
    Site: live ? adObjectId('Default-First-Site-Name', `CN=Default-First-Site-Name,CN=Sites,CN=Configuration,DC=corp,DC=contoso,DC=com`, fakeGuid(11, 11)) : `${DOMAIN}/Configuration/Sites/Default-First-Site-Name`,
    ServerRole: live ? 2 : 'Mailbox',
    ErrorReportingEnabled: false,
    IsExchangeTrialEdition: false,
    Identity: live ? adObjectId(name, dn, fakeGuid(name.length, 3)) : name,
    DistinguishedName: dn,
    Guid: fakeGuid(name.length, 3),
    WhenChangedUTC: live ? '/Date(1761951600000)/' : '2025-10-31T23:00:00Z',
  };
}

const SERVICE_STATUS = { Stopped: 1, Running: 4 };
const START_TYPE = { Automatic: 2, Manual: 3, Disabled: 4 };

/** Get-Service rows for the four POP/IMAP services of one server, as Invoke-Command returns them. */
export function protocolServices(server, flavour, states = {}) {
  const live = flavour === 'live';
  return [
    ['MSExchangePop3', 'Microsoft Exchange POP3'],
    ['MSExchangePOP3BE', 'Microsoft Exchange POP3 Backend'],
    ['MSExchangeImap4', 'Microsoft Exchange IMAP4'],
    ['MSExchangeIMAP4BE', 'Microsoft Exchange IMAP4 Backend'],
  ].map(([name, display]) => {
    const [status, start] = states[name] ?? ['Stopped', 'Manual'];
    return {
      Name: name,
      RequiredServices: [],
      CanPauseAndContinue: false,
      CanShutdown: false,
      CanStop: status === 'Running',
      DisplayName: display,
      DependentServices: [],
      MachineName: '.',
      ServiceName: name,
      ServicesDependedOn: [],
      ServiceHandle: null,
      Status: live ? SERVICE_STATUS[status] : status,
      ServiceType: live ? 16 : 'Win32OwnProcess',
      StartType: live ? START_TYPE[start] : start,
      Site: null,
      Container: null,
      PSComputerName: `${server.toLowerCase()}.${DOMAIN}`,
      RunspaceId: fakeGuid(5, 5),
      PSShowComputerName: true,
    };
  });
}

/** Win32_Service rows (Get-CimInstance) for the four POP/IMAP services of one server. */
export function protocolServicesCim(server, states = {}) {
  return protocolServices(server, 'deserialized', states).map((s) => ({
    Name: s.Name,
    Status: 'OK',
    ExitCode: 0,
    DesktopInteract: false,
    ErrorControl: 'Normal',
    PathName: `"C:\\Program Files\\Microsoft\\Exchange Server\\V15\\FrontEnd\\PopImap\\Microsoft.Exchange.${s.Name.includes('Pop') || s.Name.includes('POP') ? 'Pop3' : 'Imap4'}Service.exe"`,
    ServiceType: 'Own Process',
    StartMode: s.StartType === 'Automatic' ? 'Auto' : s.StartType,
    Caption: s.DisplayName,
    Description: s.DisplayName,
    DisplayName: s.DisplayName,
    Started: s.Status === 'Running',
    StartName: 'LocalSystem',
    State: s.Status,
    SystemName: server,
    CimClass: 'root/cimv2:Win32_Service',
    CimInstanceProperties: 'Caption = Microsoft Exchange POP3 Description = ... Name = MSExchangePop3',
    CimSystemProperties: 'Microsoft.Management.Infrastructure.CimSystemProperties',
    PSComputerName: null,
  }));
}

const PROTOCOL_NUMBERS = { ExchangeWebServices: 0, RemotePowerShell: 1, OutlookAnywhere: 2, POP3: 3, IMAP4: 4, OutlookWebApp: 5, ExchangeAdminCenter: 6, ExchangeActiveSync: 7, OfflineAddressBook: 8, PowerShellWebServices: 9 };

/** Get-ClientAccessRule for one rule; `rule` uses canonical names for Action and AnyOfProtocols. */
export function clientAccessRule(rule, flavour) {
  const live = flavour === 'live';
  const r = {
    Priority: 1,
    Enabled: true,
    DatacenterAdminsOnly: false,
    Action: 'AllowAccess',
    AnyOfClientIPAddressesOrRanges: [],
    ExceptAnyOfClientIPAddressesOrRanges: [],
    AnyOfSourceTcpPortNumbers: [],
    ExceptAnyOfSourceTcpPortNumbers: [],
    UsernameMatchesAnyOfPatterns: [],
    ExceptUsernameMatchesAnyOfPatterns: [],
    UserIsMemberOf: [],
    ExceptUserIsMemberOf: [],
    AnyOfAuthenticationTypes: [],
    ExceptAnyOfAuthenticationTypes: [],
    AnyOfProtocols: [],
    ExceptAnyOfProtocols: [],
    UserRecipientFilter: null,
    Scope: 'All',
    ...rule,
  };
  const dn = `CN=${r.Name},CN=Client Access Rules,CN=Transport Settings,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=corp,DC=contoso,DC=com`;
  return {
    ...r,
    Action: live ? (r.Action === 'AllowAccess' ? 0 : 1) : r.Action,
    AnyOfProtocols: live ? r.AnyOfProtocols.map((p) => PROTOCOL_NUMBERS[p]) : r.AnyOfProtocols,
    ExceptAnyOfProtocols: live ? r.ExceptAnyOfProtocols.map((p) => PROTOCOL_NUMBERS[p]) : r.ExceptAnyOfProtocols,
    Identity: r.Name,
    DistinguishedName: dn,
    Guid: fakeGuid(r.Name.length * 13 + r.Priority, 21),
    WhenChanged: live ? '/Date(1761955200000)/' : '2025-11-01T00:00:00+01:00',
    WhenChangedUTC: live ? '/Date(1761951600000)/' : '2025-10-31T23:00:00Z',
    IsValid: true,
  };
}
