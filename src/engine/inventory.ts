import { compareText } from '../report/compare-text.js';
import type { ExportKind } from '../model/export-kind.js';
import type { CanonicalRecord } from '../model/records.js';
import type { Inventory, ProtocolPosture } from '../model/result.js';
import { displayValue, formatValue } from '../report/format-value.js';
import { evaluationOrder } from './client-access-match.js';
import type { MailboxStats } from './functions/types.js';
import { PROTOCOL_SERVICES, serverKey, type Protocol, type ScanContext } from './scan-context.js';

function posture(record: CanonicalRecord | undefined, server: string, protocol: Protocol, context: ScanContext): ProtocolPosture | undefined {
  if (!record) return undefined;
  const p = record.props;
  const show = (key: string) => (record.unreadable[key] ? 'unreadable' : displayValue(p[key], key));
  const { frontend, backend } = PROTOCOL_SERVICES[protocol];
  const state = (name: string) => {
    const s = context.service(server, name);
    return s ? `${s.status ?? '?'}/${s.startType ?? '?'}` : 'not exported';
  };
  return {
    loginType: show('LoginType'),
    sslBindings: show('SSLBindings'),
    plainBindings: show('UnencryptedOrTLSBindings'),
    external: show('ExternalConnectionSettings'),
    certificate: show('X509CertificateName'),
    logging: show('ProtocolLogEnabled'),
    services: context.hasServiceData ? `frontend ${state(frontend)}, backend ${state(backend)}` : 'not exported',
  };
}

/** Condition and exception properties of a client access rule (AnyOfProtocols is shown on its own). */
const CONDITION = /^(AnyOf(?!Protocols)|Except|Username|UserRecipientFilter|UserIsMemberOf)/;

function list(v: unknown): string[] {
  return Array.isArray(v) ? v.map((x) => displayValue(x)) : [];
}

/** The overview the report shows beside the findings: servers side by side, mailbox exposure, rule order. */
export function buildInventory(records: ReadonlyMap<ExportKind, readonly CanonicalRecord[]>, context: ScanContext, stats: MailboxStats, notable: Inventory['mailboxes']['notable']): Inventory {
  const names = new Map<string, string>();
  for (const kind of ['ExchangeServer', 'PopSettings', 'ImapSettings', 'Service'] as const) {
    for (const r of records.get(kind) ?? []) if (r.server && !names.has(serverKey(r.server)) && r.server !== '(local)') names.set(serverKey(r.server), r.server);
  }
  const byServer = (kind: ExportKind, key: string) => (records.get(kind) ?? []).find((r) => r.server && serverKey(r.server) === key);
  const servers = [...names]
    .sort(([a], [b]) => compareText(a, b))
    .map(([key, name]) => {
      const server = byServer('ExchangeServer', key);
      const pop = posture(byServer('PopSettings', key), name, 'pop', context);
      const imap = posture(byServer('ImapSettings', key), name, 'imap', context);
      return { name, version: server ? formatValue(server.props.AdminDisplayVersion) : 'not exported', ...(pop ? { pop } : {}), ...(imap ? { imap } : {}) };
    });
  const rules = evaluationOrder(records.get('ClientAccessRule') ?? []).map((r) => {
    const cut = (k: string) => `${k}: unknown (cut off by the export's depth limit)`;
    const conditions = [
      ...Object.entries(r.props)
        .filter(([k, v]) => CONDITION.test(k) && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0))
        .map(([k, v]) => `${k}: ${formatValue(v)}`),
      ...Object.keys(r.unreadable).filter((k) => CONDITION.test(k)).map(cut),
    ];
    if (r.props.Scope && r.props.Scope !== 'All') conditions.push(`Scope: ${formatValue(r.props.Scope)}`);
    return {
      name: r.identity,
      priority: formatValue(r.props.Priority),
      enabled: formatValue(r.props.Enabled),
      action: formatValue(r.props.Action),
      protocols: r.unreadable.AnyOfProtocols ? 'unknown (cut off by the export\'s depth limit)' : list(r.props.AnyOfProtocols).join(', ') || 'all',
      conditions: conditions.join('; ') || 'none',
    };
  });
  return {
    servers,
    mailboxes: { total: stats.total, popEnabled: stats.popEnabled, imapEnabled: stats.imapEnabled, popOutsideAllowList: stats.popEnabledOutsideAllowList, imapOutsideAllowList: stats.imapEnabledOutsideAllowList, notable },
    clientAccessRules: rules,
  };
}
