/** The kinds of export casguard reads, named after the cmdlet nouns. */
export const EXPORT_KINDS = ['PopSettings', 'ImapSettings', 'CASMailbox', 'ClientAccessRule', 'ExchangeServer', 'Service'] as const;

export type ExportKind = (typeof EXPORT_KINDS)[number];

/** The cmdlet an administrator runs to produce each kind (used in hints and notes). */
export const KIND_CMDLETS: Record<ExportKind, string> = {
  PopSettings: 'Get-PopSettings',
  ImapSettings: 'Get-ImapSettings',
  CASMailbox: 'Get-CASMailbox',
  ClientAccessRule: 'Get-ClientAccessRule',
  ExchangeServer: 'Get-ExchangeServer',
  Service: 'Get-Service',
};

const KIND_BY_LOWER = new Map<string, ExportKind>(EXPORT_KINDS.map((k) => [k.toLowerCase(), k]));

/** The kind named by a bundle key or file-name word (`CASMailbox`, `Get-ClientAccessRule`, `services`), if any. */
export function kindFromName(name: string): ExportKind | undefined {
  const word = name.toLowerCase().replace(/^get-/, '');
  return KIND_BY_LOWER.get(word) ?? KIND_BY_LOWER.get(word.replace(/s$/, ''));
}
