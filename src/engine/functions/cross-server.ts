// Cross-server consistency of POP/IMAP settings (catalog EXX-001 … EXX-004).

import type { ExportKind } from '../../model/export-kind.js';
import type { CanonicalRecord } from '../../model/records.js';
import { formatValue } from '../../report/format-value.js';
import { protocolOfKind } from '../scan-context.js';
import type { CollectionFunction, CollectionInput, Outcome } from './types.js';

const SETTINGS: ExportKind[] = ['PopSettings', 'ImapSettings'];

/** Servers where the protocol is active; all servers when services were not exported. */
function activeServers(input: CollectionInput, kind: ExportKind): CanonicalRecord[] {
  const records = [...(input.records.get(kind) ?? [])];
  const protocol = protocolOfKind(kind);
  if (!protocol || !input.context.hasServiceData) return records;
  return records.filter((r) => r.server && input.context.protocolActive(r.server, protocol) !== false);
}

/** Compares one property across servers: fail when more than one distinct value is present. */
function sameAcrossServers(field: string, onlyActive: boolean): CollectionFunction {
  return {
    description: `${field} is the same on every server${onlyActive ? ' where the protocol is active' : ''}.`,
    optionsSchema: { type: 'object', additionalProperties: false },
    kinds: () => SETTINGS,
    evaluate(input) {
      const out: Outcome[] = [];
      for (const kind of SETTINGS) {
        const records = onlyActive ? activeServers(input, kind) : [...(input.records.get(kind) ?? [])];
        if (records.length < 2) continue;
        const unreadable = records.filter((r) => r.unreadable[field] || r.props[field] === undefined);
        const groups = new Map<string, string[]>();
        for (const r of records.filter((x) => !unreadable.includes(x))) {
          const v = formatValue(r.props[field]);
          groups.set(v, [...(groups.get(v) ?? []), r.identity]);
        }
        const actual = [...groups].map(([v, servers]) => `${v} on ${servers.join(', ')}`).join('; ');
        const base = { identity: kind, kind, field, expected: 'one value on every server', actual };
        if (unreadable.length) out.push({ ...base, verdict: 'error', detail: `${field} missing or unreadable on ${unreadable.map((r) => r.identity).join(', ')}` });
        else out.push({ ...base, verdict: groups.size > 1 ? 'fail' : 'pass' });
      }
      return out.length ? out : [{ identity: 'PopSettings', verdict: 'not_applicable', detail: 'fewer than two servers to compare' }];
    },
  };
}

function externalHosts(r: CanonicalRecord): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const list = r.props.ExternalConnectionSettings;
  if (!Array.isArray(list)) return out;
  for (const c of list as { hostname: string; port: number; encryption: string | null }[]) {
    out.set(c.hostname, [...(out.get(c.hostname) ?? []), `${c.port}:${c.encryption ?? ''}`].sort());
  }
  return out;
}

export const CROSS_SERVER_FUNCTIONS: Record<string, CollectionFunction> = {
  loginTypeSameOnAllServers: sameAcrossServers('LoginType', true),
  protocolLoggingSameOnAllServers: sameAcrossServers('ProtocolLogEnabled', true),
  proxyTargetPortSameOnAllServers: sameAcrossServers('ProxyTargetPort', false),

  namespaceSettingsSameOnAllServers: {
    description: 'EXX-003: servers that publish the same external host agree on X509CertificateName and on that host\'s ports and encryption.',
    optionsSchema: { type: 'object', additionalProperties: false },
    kinds: () => SETTINGS,
    evaluate(input) {
      const out: Outcome[] = [];
      for (const kind of SETTINGS) {
        const records = [...(input.records.get(kind) ?? [])];
        const hosts = new Set(records.flatMap((r) => [...externalHosts(r).keys()]));
        for (const host of [...hosts].sort()) {
          const views = records.map((r) => ({ r, entries: externalHosts(r).get(host), cert: String(r.props.X509CertificateName ?? '').toLowerCase() }));
          const publishing = views.filter((v) => v.entries);
          const missing = views.filter((v) => !v.entries).map((v) => v.r.identity);
          const certs = new Set(publishing.map((v) => v.cert));
          const entries = new Set(publishing.map((v) => v.entries?.join(',')));
          const problems = [
            ...(missing.length ? [`no external entry on ${missing.join(', ')}`] : []),
            ...(certs.size > 1 ? [`X509CertificateName differs (${publishing.map((v) => `${v.r.identity}: ${v.cert || '(empty)'}`).join(', ')})`] : []),
            ...(entries.size > 1 ? [`ports/encryption differ (${publishing.map((v) => `${v.r.identity}: ${v.entries?.join(' ')}`).join(', ')})`] : []),
          ];
          out.push({ identity: `${kind}/${host}`, kind, verdict: problems.length ? 'fail' : 'pass', field: 'ExternalConnectionSettings', expected: `every server publishing ${host} configured alike`, actual: problems.join('; ') || 'consistent' });
        }
      }
      return out.length ? out : [{ identity: 'PopSettings', verdict: 'not_applicable', detail: 'no external host is published' }];
    },
  },
};
