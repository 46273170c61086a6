import { ENUMS } from '../enums.js';
import { toAdIdentity } from '../directory-values.js';
import { toBool, toEnum, toString, toStringList } from '../values.js';
import { BASE_PROPERTIES, type PropertySpec } from './common.js';

const bool = toBool;

/** Get-CASMailbox (on-premises and Exchange Online property sets). */
export const CAS_MAILBOX_PROPERTIES: PropertySpec = {
  ...BASE_PROPERTIES,
  EmailAddresses: toStringList,
  LegacyExchangeDN: toString,
  LinkedMasterAccount: toString,
  PrimarySmtpAddress: toString,
  SamAccountName: toString,
  ServerLegacyDN: toString,
  ServerName: toString,
  DisplayName: toString,
  ActiveSyncAllowedDeviceIDs: toStringList,
  ActiveSyncBlockedDeviceIDs: toStringList,
  ActiveSyncMailboxPolicy: toAdIdentity,
  ActiveSyncMailboxPolicyIsDefaulted: bool,
  ActiveSyncDebugLogging: bool,
  ActiveSyncEnabled: bool,
  HasActiveSyncDevicePartnership: bool,
  ActiveSyncSuppressReadReceipt: bool,
  OwaMailboxPolicy: toAdIdentity,
  OWAEnabled: bool,
  OWAforDevicesEnabled: bool,
  ECPEnabled: bool,
  PopEnabled: bool,
  PopUseProtocolDefaults: bool,
  PopMessagesRetrievalMimeFormat: toEnum(ENUMS.MimeTextFormat),
  PopEnableExactRFC822Size: bool,
  PopSuppressReadReceipt: bool,
  PopForceICalForCalendarRetrievalOption: bool,
  ImapEnabled: bool,
  ImapUseProtocolDefaults: bool,
  ImapMessagesRetrievalMimeFormat: toEnum(ENUMS.MimeTextFormat),
  ImapEnableExactRFC822Size: bool,
  ImapSuppressReadReceipt: bool,
  ImapForceICalForCalendarRetrievalOption: bool,
  MAPIEnabled: bool,
  MapiHttpEnabled: bool,
  MAPIBlockOutlookNonCachedMode: bool,
  MAPIBlockOutlookRpcHttp: bool,
  MAPIBlockOutlookExternalConnectivity: bool,
  EwsEnabled: bool,
  EwsAllowOutlook: bool,
  EwsAllowMacOutlook: bool,
  EwsAllowEntourage: bool,
  EwsApplicationAccessPolicy: toEnum(ENUMS.EwsApplicationAccessPolicy),
  EwsAllowList: toStringList,
  EwsBlockList: toStringList,
  ShowGalAsDefaultView: bool,
  IsOptimizedForAccessibility: bool,
  PublicFolderClientAccess: bool,
  SmtpClientAuthenticationDisabled: bool,
  UniversalOutlookEnabled: bool,
  OutlookMobileEnabled: bool,
  MacOutlookEnabled: bool,
  OneWinNativeOutlookEnabled: bool,
};

/** Mailbox identity: `Identity`, else `PrimarySmtpAddress`, else `Guid` (DESIGN §4). */
export function casMailboxIdentity(props: Record<string, unknown>): string | undefined {
  for (const key of ['Identity', 'PrimarySmtpAddress', 'Guid'] as const) {
    const v = props[key];
    if (typeof v === 'string' && v) return v;
  }
  return undefined;
}
