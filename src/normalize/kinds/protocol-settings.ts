import { ENUMS } from '../enums.js';
import { toAdName, toSizeLimit } from '../directory-values.js';
import { toConnectionSettings, toIpBindings } from '../network-values.js';
import { toTimeSpan } from '../time-values.js';
import { toBool, toEnum, toInt, toString } from '../values.js';
import { BASE_PROPERTIES, shortHostName, type PropertySpec } from './common.js';

/** Get-PopSettings / Get-ImapSettings (Pop3AdConfiguration / Imap4AdConfiguration). */
export const PROTOCOL_SETTINGS_PROPERTIES: PropertySpec = {
  ...BASE_PROPERTIES,
  ProtocolName: toString,
  Server: toAdName,
  UnencryptedOrTLSBindings: toIpBindings,
  SSLBindings: toIpBindings,
  InternalConnectionSettings: toConnectionSettings,
  ExternalConnectionSettings: toConnectionSettings,
  X509CertificateName: toString,
  Banner: toString,
  LoginType: toEnum(ENUMS.LoginOptions),
  AuthenticatedConnectionTimeout: toTimeSpan,
  PreAuthenticatedConnectionTimeout: toTimeSpan,
  MaxConnections: toInt,
  MaxConnectionFromSingleIP: toInt,
  MaxConnectionsPerUser: toInt,
  MaxCommandSize: toInt,
  MessageRetrievalMimeFormat: toEnum(ENUMS.MimeTextFormat),
  MessageRetrievalSortOrder: toEnum(ENUMS.SortOrder),
  ShowHiddenFoldersEnabled: toBool,
  ProxyTargetPort: toInt,
  CalendarItemRetrievalOption: toEnum(ENUMS.CalendarItemRetrievalOptions),
  OwaServerUrl: toString,
  EnableExactRFC822Size: toBool,
  LiveIdBasicAuthReplacement: toBool,
  SuppressReadReceipt: toBool,
  ProtocolLogEnabled: toBool,
  EnforceCertificateErrors: toBool,
  LogFileLocation: toString,
  LogFileRollOverSettings: toEnum(ENUMS.LogFileRollOver),
  LogPerFileSizeQuota: toSizeLimit,
  ExtendedProtectionPolicy: toEnum(ENUMS.ExtendedProtectionTokenCheckingMode),
  EnableGSSAPIAndNTLMAuth: toBool,
};

/**
 * The server a POP/IMAP settings object belongs to: `Server`, else the `EX01\1` Identity prefix, else
 * the remoting `PSComputerName`.
 */
export function protocolSettingsServer(props: Record<string, unknown>): string | undefined {
  if (typeof props.Server === 'string' && props.Server) return props.Server;
  if (typeof props.Identity === 'string' && props.Identity.includes('\\')) return props.Identity.split('\\')[0];
  if (typeof props.PSComputerName === 'string' && props.PSComputerName) return shortHostName(props.PSComputerName);
  return undefined;
}
