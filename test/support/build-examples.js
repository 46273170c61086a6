// Builds examples/contoso deterministically: the Contoso organisation in the middle of a migration from
// two Exchange 2016 servers (exported in EMS with Windows PowerShell 5.1: UTF-16LE, live objects) to two
// Exchange SE servers (exported with PowerShell 7: UTF-8, deserialized objects).
// Run `node test/support/build-examples.js` to rewrite them; test/examples.test.ts checks they match.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  casMailboxDeserialized,
  casMailboxLive,
  clientAccessRule,
  exchangeServer,
  protocolServices,
  protocolServicesCim,
  protocolSettings,
} from './exchange-objects.js';
import { encodeUtf16LeBom, toPs51Json, toPs7Json } from './ps-json.js';

const LEGACY = ['EX2016A', 'EX2016B'];
const NEW = ['EXSE01', 'EXSE02'];

const MAILBOXES = [
  ['Administrator', 'Administrator', { PopEnabled: true, ImapEnabled: true }],
  ['DiscoverySearchMailbox{D919BA05-46A6-415f-80AD-7E09334BB852}', 'SM_4c3a1e0b5d9f4e1ab', { DisplayName: 'Discovery Search Mailbox', PopEnabled: true, ImapEnabled: false }],
  ['Jane Smith (admin)', 'adm-jsmith', { PopEnabled: false, ImapEnabled: true }],
  ['Scanner Service', 'svc-scanner', { PopEnabled: true, ImapEnabled: false }],
  ['CRM Sync', 'svc-crmsync', { PopEnabled: false, ImapEnabled: true }],
  ["Siobhan O'Brien & Partners", 'sobrien', { PopEnabled: true, ImapEnabled: true }],
  ['Help Desk', 'helpdesk', { PopEnabled: false, ImapEnabled: false }],
];

/** Canonical list of the organisation's mailboxes: named ones above, then ordinary staff. */
function mailboxSpecs() {
  const specs = MAILBOXES.map(([name, sam, o]) => ({ name, sam, o }));
  for (let i = 1; specs.length < 36; i++) {
    const sam = `user${String(i).padStart(3, '0')}`;
    // A few staff still have the defaults (POP and IMAP on); most were turned off in 2024.
    const enabled = i % 9 === 0;
    specs.push({ name: `Staff Member ${String(i).padStart(3, '0')}`, sam, o: { PopEnabled: enabled, ImapEnabled: enabled || i % 7 === 0 } });
  }
  return specs;
}

function casMailboxes(flavour) {
  return mailboxSpecs().map(({ name, sam, o }, i) => {
    const overrides = { Name: name, SamAccountName: sam, DisplayName: o.DisplayName ?? name, PopEnabled: o.PopEnabled, ImapEnabled: o.ImapEnabled };
    return flavour === 'live' ? casMailboxLive(i + 1, overrides) : casMailboxDeserialized(i + 1, overrides);
  });
}

const SE_EXTERNAL = (port) => [`mail.contoso.com:${port}:SSL`];

function files() {
  const out = {};
  const ps51 = (value) => encodeUtf16LeBom(`${toPs51Json(value)}\r\n`);
  const ps7 = (value) => Buffer.from(`${toPs7Json(value)}\n`, 'utf8');

  // Legacy servers, exported in EMS on EX2016A with `> file.json` (Windows PowerShell 5.1 defaults).
  out['legacy-ex2016/PopSettings.json'] = ps51([
    protocolSettings('POP3', 'EX2016A', 'live', { ProtocolLogEnabled: true, X509CertificateName: 'mail.contoso.com', ExternalConnectionSettings: ['mail.contoso.com:995:SSL'] }),
    protocolSettings('POP3', 'EX2016B', 'live', { LoginType: 'PlainTextLogin', X509CertificateName: 'EX2016B', ExternalConnectionSettings: ['mail.contoso.com:110:'] }),
  ]);
  out['legacy-ex2016/ImapSettings.json'] = ps51([
    protocolSettings('IMAP4', 'EX2016A', 'live', { LoginType: 'PlainTextAuthentication', ProtocolLogEnabled: true, X509CertificateName: 'mail.contoso.com', ExternalConnectionSettings: ['mail.contoso.com:993:SSL'] }),
    protocolSettings('IMAP4', 'EX2016B', 'live', { X509CertificateName: 'mail.contoso.com', ExternalConnectionSettings: ['mail.contoso.com:993:SSL'], AuthenticatedConnectionTimeout: 86400 }),
  ]);
  out['legacy-ex2016/Service.json'] = ps51([
    ...protocolServices('EX2016A', 'live', { MSExchangePop3: ['Running', 'Automatic'], MSExchangePOP3BE: ['Running', 'Automatic'], MSExchangeImap4: ['Running', 'Automatic'], MSExchangeIMAP4BE: ['Running', 'Automatic'] }),
    ...protocolServices('EX2016B', 'live', { MSExchangePop3: ['Running', 'Automatic'], MSExchangePOP3BE: ['Running', 'Automatic'] }),
  ]);
  out['legacy-ex2016/ExchangeServer.json'] = ps51([
    exchangeServer('EX2016A', 2016, 'live'),
    exchangeServer('EX2016B', 2016, 'live'),
    exchangeServer('EXSE01', 'SE', 'live'),
    exchangeServer('EXSE02', 'SE', 'live'),
  ]);
  out['legacy-ex2016/CASMailbox.json'] = ps51(casMailboxes('live'));

  // New servers, exported from an admin workstation with PowerShell 7 remoting (UTF-8, no BOM).
  out['se/PopSettings.json'] = ps7(
    NEW.map((s) => protocolSettings('POP3', s, 'deserialized', { ProtocolLogEnabled: true, X509CertificateName: 'mail.contoso.com', ExternalConnectionSettings: SE_EXTERNAL(995), LogFileLocation: 'D:\\Logs\\Pop3', LogPerFileSizeQuota: '0 B (0 bytes)' })),
  );
  out['se/ImapSettings.json'] = ps7(
    NEW.map((s, i) => protocolSettings('IMAP4', s, 'deserialized', { ProtocolLogEnabled: i === 0, X509CertificateName: 'mail.contoso.com', ExternalConnectionSettings: SE_EXTERNAL(993), LogFileLocation: 'D:\\Logs\\Imap4', LogPerFileSizeQuota: '0 B (0 bytes)' })),
  );
  out['se/Service.json'] = ps7([
    ...protocolServicesCim('EXSE01', { MSExchangeImap4: ['Running', 'Automatic'], MSExchangeIMAP4BE: ['Running', 'Automatic'] }),
    ...protocolServicesCim('EXSE02', { MSExchangeImap4: ['Running', 'Automatic'], MSExchangeIMAP4BE: ['Running', 'Automatic'] }),
  ]);
  out['se/ClientAccessRule.json'] = ps7([
    clientAccessRule({ Name: 'Always Allow Remote PowerShell', Priority: 1, Action: 'AllowAccess', AnyOfProtocols: ['RemotePowerShell'] }, 'deserialized'),
    clientAccessRule({ Name: 'Block EAC from outside', Priority: 2, Action: 'DenyAccess', AnyOfProtocols: ['ExchangeAdminCenter'], ExceptAnyOfClientIPAddressesOrRanges: ['10.0.0.0/8', '192.168.10.0/24'] }, 'deserialized'),
    clientAccessRule({ Name: 'Block legacy POP3', Priority: 3, Action: 'DenyAccess', AnyOfProtocols: ['POP3'] }, 'deserialized'),
  ]);
  // The manifest the export script writes beside the files.
  out['manifest.json'] = ps7({
    casguardManifest: 1,
    exportedAt: '2026-11-20T09:30:00Z',
    organization: 'Contoso',
    exportedBy: 'CORP\\adm-jsmith',
    exports: [
      { folder: 'legacy-ex2016', host: 'EX2016A', powershell: '5.1.14393.7426', shell: 'Exchange Management Shell' },
      { folder: 'se', host: 'ADMIN-WS01', powershell: '7.4.6', shell: 'PowerShell remoting to EXSE01' },
    ],
    servers: [...LEGACY.map((name) => ({ name, version: 'Version 15.1 (Build 2507.6)' })), ...NEW.map((name) => ({ name, version: 'Version 15.2 (Build 2562.17)' }))],
  });
  return out;
}

/** Writes every example file under `root` (default: the repository's examples/contoso). */
export function buildExamples(root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'contoso')) {
  const written = files();
  for (const [rel, bytes] of Object.entries(written)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), bytes);
  }
  return written;
}

/** The example files as bytes, keyed by path relative to examples/contoso. */
export function exampleFiles() {
  return files();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) buildExamples();
