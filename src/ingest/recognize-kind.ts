import type { ExportKind } from '../model/export-kind.js';
import { unwrapPsObject } from '../normalize/values.js';

/** How a record was recognised: its kind and, for services, which of the two shapes it has. */
export interface Recognition {
  kind: ExportKind;
  shape?: 'Get-Service' | 'Win32_Service';
}

function has(o: Record<string, unknown>, ...keys: string[]): boolean {
  for (const k of keys) if (Object.hasOwn(o, k)) return true;
  return false;
}

/**
 * Recognises the kind of one exported object from its properties (never from a file name). Returns a
 * reason instead when the object looks like POP/IMAP settings but says neither which.
 */
export function recognizeKind(o: Record<string, unknown>): Recognition | { ambiguous: string } | undefined {
  if (has(o, 'ProtocolName')) {
    const value = unwrapPsObject(o.ProtocolName);
    const name = typeof value === 'string' ? value.toUpperCase() : '';
    if (name === 'POP3') return { kind: 'PopSettings' };
    if (name === 'IMAP4') return { kind: 'ImapSettings' };
  }
  if (has(o, 'LoginType') && has(o, 'SSLBindings', 'UnencryptedOrTLSBindings', 'ProxyTargetPort')) {
    if (has(o, 'MessageRetrievalSortOrder')) return { kind: 'PopSettings' };
    if (has(o, 'ShowHiddenFoldersEnabled')) return { kind: 'ImapSettings' };
    const ports = JSON.stringify([o.SSLBindings, o.UnencryptedOrTLSBindings, o.ProxyTargetPort]);
    if (/\b(?:995|110|1995)\b/.test(ports) && !/\b(?:993|143|1993)\b/.test(ports)) return { kind: 'PopSettings' };
    if (/\b(?:993|143|1993)\b/.test(ports) && !/\b(?:995|110|1995)\b/.test(ports)) return { kind: 'ImapSettings' };
    return { ambiguous: 'POP3 or IMAP4 settings without ProtocolName, and their ports do not tell which' };
  }
  if (has(o, 'PopEnabled', 'ImapEnabled') && has(o, 'Identity', 'PrimarySmtpAddress', 'SamAccountName', 'OWAEnabled', 'ActiveSyncEnabled', 'EmailAddresses')) {
    return { kind: 'CASMailbox' };
  }
  if (has(o, 'AnyOfProtocols') || (has(o, 'Action') && has(o, 'Priority') && has(o, 'AnyOfClientIPAddressesOrRanges', 'UsernameMatchesAnyOfPatterns', 'DatacenterAdminsOnly', 'Enabled'))) {
    return { kind: 'ClientAccessRule' };
  }
  if (has(o, 'AdminDisplayVersion') && has(o, 'ServerRole', 'Fqdn', 'IsClientAccessServer', 'Edition', 'IsMailboxServer')) {
    return { kind: 'ExchangeServer' };
  }
  if (has(o, 'StartMode') && has(o, 'State') && has(o, 'Name')) return { kind: 'Service', shape: 'Win32_Service' };
  if (has(o, 'Status') && has(o, 'StartType', 'ServiceType', 'CanStop', 'StartupType') && has(o, 'Name', 'ServiceName')) {
    return { kind: 'Service', shape: 'Get-Service' };
  }
  return undefined;
}

/** Top-level keys that mark the export script's manifest. */
export const MANIFEST_KEY = 'casguardManifest';
