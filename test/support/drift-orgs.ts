// One small organisation written as Windows PowerShell 5.1 or PowerShell 7 would export it, for drift tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { casMailboxDeserialized, casMailboxLive, clientAccessRule, exchangeServer, protocolServices, protocolSettings } from './exchange-objects.js';
import { toPs51Json, toPs7Json } from './ps-json.js';

export type Flavour = 'live' | 'deserialized';
/** The same organisation as Windows PowerShell 5.1 (live objects, UTF-16LE) or PowerShell 7 (deserialized, UTF-8) writes it. */
export function writeOrg(dir: string, name: string, flavour: Flavour, change: (org: Record<string, Record<string, unknown>[]>) => void = () => {}): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  const org: Record<string, Record<string, unknown>[]> = {
    PopSettings: ['EX01', 'EX02'].map((s) => protocolSettings('POP3', s, flavour, { LoginType: 'SecureLogin', ProtocolLogEnabled: true }) as Record<string, unknown>),
    ImapSettings: ['EX01', 'EX02'].map((s) => protocolSettings('IMAP4', s, flavour, {}) as Record<string, unknown>),
    CASMailbox: Array.from({ length: 5 }, (_, i) => (flavour === 'live' ? casMailboxLive(i + 1) : casMailboxDeserialized(i + 1)) as Record<string, unknown>),
    ClientAccessRule: [clientAccessRule({ Name: 'Always Allow Remote PowerShell', Priority: 0, AnyOfProtocols: ['RemotePowerShell'] }, flavour) as Record<string, unknown>],
    Service: ['EX01', 'EX02'].flatMap((s) => protocolServices(s, flavour, {}) as Record<string, unknown>[]),
    ExchangeServer: ['EX01', 'EX02'].map((s) => exchangeServer(s, 'SE', flavour) as Record<string, unknown>),
  };
  change(org);
  for (const [kind, records] of Object.entries(org)) {
    const file = join(folder, `${kind}.json`);
    if (flavour === 'live') writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(toPs51Json(records), 'utf16le')]));
    else writeFileSync(file, toPs7Json(records));
  }
  return folder;
}

