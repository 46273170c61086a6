// Enum tables of the Exchange and .NET types in these exports. Numbers are what live (EMS) objects
// serialise to; names are what deserialized objects and `-EnumsAsStrings` give. Sources: ../shared
// export-shapes.md §3 and §4 (decompiled Exchange 2013 types, .NET ServiceController docs).

/** Maps numbers and case-insensitive names of one enum to its canonical names. */
export interface EnumTable {
  readonly name: string;
  readonly byNumber: ReadonlyMap<number, string>;
  readonly byLower: ReadonlyMap<string, string>;
  readonly flags: boolean;
}

/** `values` maps numbers to names (first = canonical, rest = aliases); `nameOnly` lists members whose numbers are unknown. */
function table(name: string, values: Record<number, string | string[]>, options: { flags?: boolean; nameOnly?: string[] } = {}): EnumTable {
  const byNumber = new Map<number, string>();
  const byLower = new Map<string, string>();
  for (const [num, names] of Object.entries(values)) {
    const [canonical, ...aliases] = Array.isArray(names) ? names : [names];
    if (canonical === undefined) continue;
    byNumber.set(Number(num), canonical);
    for (const n of [canonical, ...aliases]) byLower.set(n.toLowerCase(), canonical);
  }
  for (const n of options.nameOnly ?? []) byLower.set(n.toLowerCase(), n);
  return { name, byNumber, byLower, flags: options.flags ?? false };
}

export const ENUMS = {
  LoginOptions: table('LoginOptions', { 1: 'PlainTextLogin', 2: 'PlainTextAuthentication', 3: 'SecureLogin' }),
  MimeTextFormat: table('MimeTextFormat', {
    0: 'TextOnly',
    1: 'HtmlOnly',
    2: 'HtmlAndTextAlternative',
    3: 'TextEnrichedOnly',
    4: 'TextEnrichedAndTextAlternative',
    5: 'BestBodyFormat',
    6: 'Tnef',
  }),
  // The enum member is spelled `intranetUrl`; current docs write IntranetUrl. Both map to one name.
  CalendarItemRetrievalOptions: table('CalendarItemRetrievalOptions', { 0: 'iCalendar', 1: 'intranetUrl', 2: 'InternetUrl', 3: 'Custom' }),
  LogFileRollOver: table('LogFileRollOver', { 1: 'Hourly', 2: 'Daily', 3: 'Weekly', 4: 'Monthly' }),
  ExtendedProtectionTokenCheckingMode: table('ExtendedProtectionTokenCheckingMode', { 0: 'None', 1: 'Allow', 2: 'Require' }),
  SortOrder: table('SortOrder', { 0: 'Ascending', 1: 'Descending' }),
  EncryptionType: table('EncryptionType', { 0: 'SSL', 1: 'TLS' }),
  ClientAccessRulesAction: table('ClientAccessRulesAction', { 0: 'AllowAccess', 1: 'DenyAccess' }),
  // Numbers are known for the Exchange 2013 members only; later members arrive as names.
  ClientAccessProtocol: table('ClientAccessProtocol', {
    0: 'ExchangeWebServices',
    1: 'RemotePowerShell',
    2: 'OutlookAnywhere',
    3: 'POP3',
    4: 'IMAP4',
    5: 'OutlookWebApp',
    6: 'ExchangeAdminCenter',
    7: 'ExchangeActiveSync',
    8: 'OfflineAddressBook',
    9: 'PowerShellWebServices',
  }, { nameOnly: ['REST', 'UniversalOutlook'] }),
  ClientAccessAuthenticationMethod: table('ClientAccessAuthenticationMethod', {
    0: 'BasicAuthentication',
    1: 'NonBasicAuthentication',
    2: 'AdfsAuthentication',
  }, { nameOnly: ['CertificateBasedAuthentication', 'OAuthAuthentication'] }),
  ClientAccessRulesScope: table('ClientAccessRulesScope', {}, { nameOnly: ['All', 'Users'] }),
  // Only the values seen in real exports (CSS-Exchange Health Checker CliXML: StandardEvaluation 2,
  // Enterprise 3); other numbers stay unreadable rather than guessed.
  ServerEditionType: table('ServerEditionType', { 2: 'StandardEvaluation', 3: 'Enterprise' }, { nameOnly: ['Unknown', 'Standard', 'EnterpriseEvaluation', 'Coexistence', 'CoexistenceEvaluation'] }),
  ServerRole: table(
    'ServerRole',
    {
      0: 'None',
      1: 'Cafe',
      2: 'Mailbox',
      4: 'ClientAccess',
      8: 'UnifiedMessaging',
      16: 'HubTransport',
      32: 'FrontendTransport',
      64: 'Edge',
      128: 'Monitoring',
      256: 'CentralAdmin',
      512: 'CentralAdminDatabase',
      1024: 'DomainController',
      2048: 'WindowsDeploymentServer',
      4096: 'ProvisionedServer',
      8192: 'LanguagePacks',
      16384: 'FrontendTransportCafe',
      32768: 'FfoWebService',
      65536: 'OSP',
      131072: 'ARR',
      262144: 'ManagementFrontEnd',
      524288: 'ManagementBackEnd',
      1048576: 'SCOM',
      2097152: 'CentralAdminFrontEnd',
      4194304: 'NAT',
      8388608: 'DHCP',
    },
    { flags: true },
  ),
  EwsApplicationAccessPolicy: table('EwsApplicationAccessPolicy', { 0: 'EnforceAllowList', 1: 'EnforceBlockList' }),
  ServiceControllerStatus: table('ServiceControllerStatus', {
    1: 'Stopped',
    2: ['StartPending', 'Start Pending'],
    3: ['StopPending', 'Stop Pending'],
    4: 'Running',
    5: ['ContinuePending', 'Continue Pending'],
    6: ['PausePending', 'Pause Pending'],
    7: 'Paused',
  }),
  // Get-Service StartType (ServiceStartMode), PS 7 StartupType, and Win32_Service StartMode ("Auto").
  ServiceStartMode: table('ServiceStartMode', {
    0: 'Boot',
    1: 'System',
    2: ['Automatic', 'Auto'],
    3: 'Manual',
    4: 'Disabled',
    10: 'AutomaticDelayedStart',
    [-1]: 'InvalidValue',
  }),
  // 64 and 128 are Windows 10's per-user service bits (SERVICE_USER_SERVICE, SERVICE_USERSERVICE_INSTANCE in winnt.h), absent from .NET's enum.
  ServiceType: table('ServiceType', { 1: 'KernelDriver', 2: 'FileSystemDriver', 4: 'Adapter', 8: 'RecognizerDriver', 16: 'Win32OwnProcess', 32: 'Win32ShareProcess', 64: 'UserService', 128: 'UserServiceInstance', 256: 'InteractiveProcess' }, { flags: true }),
} as const satisfies Record<string, EnumTable>;

export type EnumName = keyof typeof ENUMS;
