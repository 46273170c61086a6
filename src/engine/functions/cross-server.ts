// Cross-server consistency of POP/IMAP settings (catalog EXX-001 … EXX-004).

import type { ExportKind } from '../../model/export-kind.js';
import type { CanonicalRecord } from '../../model/records.js';
import { displayValue, formatValue } from '../../report/format-value.js';
import { compareText } from '../../report/compare-text.js';
import { PROTOCOL_SERVICES, protocolOfKind } from '../scan-context.js';
import { readList, readValue } from '../evidence.js';
import { PROTOCOL_PORTS } from '../fix-values.js';
import { Unknown } from '../tri.js';
import type { Fix } from '../../model/fix.js';
import { command, fixOf, Word } from './fix-builder.js';
import type { CollectionFunction, CollectionInput, Outcome } from './types.js';

const CMDLET: Partial<Record<ExportKind, string>> = { PopSettings: 'Set-PopSettings', ImapSettings: 'Set-ImapSettings' };

/** The value every server should have, given the kind, or undefined when only a person can choose it. */
type Target = (kind: ExportKind) => unknown;

/** Sets `field` to the target on every server that differs, with the protocol's restart on each. */
function convergeFix(kind: ExportKind, field: string, target: unknown, records: readonly CanonicalRecord[]): Fix {
  const protocol = protocolOfKind(kind);
  const wanted = formatValue(target instanceof Word ? target.text : target);
  const differing = records.filter((r) => r.server && formatValue(r.props[field]) !== wanted);
  return fixOf(
    differing.map((r) => command(CMDLET[kind] as string, { Server: r.server, [field]: target }, r.server)),
    [],
    protocol ? differing.map((r) => ({ server: r.server as string, services: [...PROTOCOL_SERVICES[protocol].names] })) : [],
  );
}

const SETTINGS: ExportKind[] = ['PopSettings', 'ImapSettings'];

/** Servers where the protocol is active; all servers when services were not exported. */
function activeServers(input: CollectionInput, kind: ExportKind): CanonicalRecord[] {
  const records = [...(input.records.get(kind) ?? [])];
  const protocol = protocolOfKind(kind);
  if (!protocol || !input.context.hasServiceData) return records;
  return records.filter((r) => r.server && input.context.protocolActive(r.server, protocol) !== false);
}

/** Compares one property across servers: fail when more than one distinct value is present. */
function sameAcrossServers(field: string, onlyActive: boolean, target: Target): CollectionFunction {
  return {
    description: `${field} is the same on every server${onlyActive ? ' where the protocol is active' : ''}.`,
    optionsSchema: { type: 'object', additionalProperties: false },
    kinds: () => SETTINGS,
    evaluate(input) {
      const out: Outcome[] = [];
      for (const kind of SETTINGS) {
        // Sorted, so the message names servers in the same order whatever the order of the inputs.
        const records = (onlyActive ? activeServers(input, kind) : [...(input.records.get(kind) ?? [])]).sort((a, b) => compareText(a.identity, b.identity));
        if (records.length < 2) continue;
        const unreadable = records.filter((r) => readValue(r, field) instanceof Unknown);
        const groups = new Map<string, string[]>();
        for (const r of records.filter((x) => !unreadable.includes(x))) {
          const v = displayValue(r.props[field]);
          groups.set(v, [...(groups.get(v) ?? []), r.identity]);
        }
        const actual = [...groups].map(([v, servers]) => `${v} on ${servers.join(', ')}`).join('; ');
        const base = { identity: kind, kind, field, expected: 'one value on every server', actual };
        if (unreadable.length) out.push({ ...base, verdict: 'error', detail: `${field} missing or unreadable on ${unreadable.map((r) => r.identity).join(', ')}` });
        else if (groups.size > 1) out.push({ ...base, verdict: 'fail', fix: convergeFix(kind, field, target(kind), records) });
        else out.push({ ...base, verdict: 'pass' });
      }
      return out.length ? out : [{ identity: 'PopSettings', verdict: 'not_applicable', detail: 'fewer than two servers to compare' }];
    },
  };
}

function externalHosts(r: CanonicalRecord): Map<string, string[]> | Unknown {
  const out = new Map<string, string[]>();
  const list = readList(r, 'ExternalConnectionSettings');
  if (list instanceof Unknown) return list;
  for (const c of list as { hostname: string; port: number; encryption: string | null }[]) {
    out.set(c.hostname, [...(out.get(c.hostname) ?? []), `${c.port}:${c.encryption ?? ''}`].sort());
  }
  return out;
}

export const CROSS_SERVER_FUNCTIONS: Record<string, CollectionFunction> = {
  loginTypeSameOnAllServers: sameAcrossServers('LoginType', true, () => new Word('SecureLogin')),
  protocolLoggingSameOnAllServers: sameAcrossServers('ProtocolLogEnabled', true, () => true),
  proxyTargetPortSameOnAllServers: sameAcrossServers('ProxyTargetPort', false, (kind) => PROTOCOL_PORTS[protocolOfKind(kind) ?? 'pop'].proxy),

  namespaceSettingsSameOnAllServers: {
    description: 'EXX-003: servers that publish the same external host agree on X509CertificateName and on that host\'s ports and encryption.',
    optionsSchema: { type: 'object', additionalProperties: false },
    kinds: () => SETTINGS,
    evaluate(input) {
      const out: Outcome[] = [];
      for (const kind of SETTINGS) {
        const records = [...(input.records.get(kind) ?? [])].sort((a, b) => compareText(a.identity, b.identity));
        const published = records.map((r) => ({ r, hosts: externalHosts(r) }));
        const unread = published.filter((p) => p.hosts instanceof Unknown);
        const hosts = new Set(published.flatMap((p) => (p.hosts instanceof Unknown ? [] : [...p.hosts.keys()])));
        for (const host of [...hosts].sort()) {
          const views = published.flatMap((p) => (p.hosts instanceof Unknown ? [] : [{ r: p.r, entries: p.hosts.get(host), cert: String(p.r.props.X509CertificateName ?? '').toLowerCase() }]));
          const publishing = views.filter((v) => v.entries);
          const missing = views.filter((v) => !v.entries).map((v) => v.r.identity);
          const certs = new Set(publishing.map((v) => v.cert));
          const entries = new Set(publishing.map((v) => v.entries?.join(',')));
          const problems = [
            ...(missing.length ? [`no external entry on ${missing.join(', ')}`] : []),
            ...(certs.size > 1 ? [`X509CertificateName differs (${publishing.map((v) => `${v.r.identity}: ${v.cert || '(empty)'}`).join(', ')})`] : []),
            ...(entries.size > 1 ? [`ports/encryption differ (${publishing.map((v) => `${v.r.identity}: ${v.entries?.join(' ')}`).join(', ')})`] : []),
          ];
          const o = { identity: `${kind}/${host}`, kind, field: 'ExternalConnectionSettings', expected: `every server publishing ${host} configured alike` };
          if (problems.length) {
            out.push({ ...o, verdict: 'fail', actual: problems.join('; '), fix: fixOf([], [`give every server that publishes ${host} the same ExternalConnectionSettings entry and the X509CertificateName of the certificate issued to ${host} (${CMDLET[kind]} -Server <server> -ExternalConnectionSettings … -X509CertificateName …), then restart the ${kind === 'PopSettings' ? 'POP3' : 'IMAP4'} services there`]) });
          } else if (unread.length) {
            out.push({ ...o, verdict: 'error', actual: 'consistent where readable', detail: `ExternalConnectionSettings cannot be read on ${unread.map((p) => p.r.identity).join(', ')}` });
          } else {
            out.push({ ...o, verdict: 'pass', actual: 'consistent' });
          }
        }
        if (hosts.size === 0 && unread.length) out.push({ identity: kind, kind, verdict: 'error', field: 'ExternalConnectionSettings', detail: `ExternalConnectionSettings cannot be read on ${unread.map((p) => p.r.identity).join(', ')}` });
      }
      return out.length ? out : [{ identity: 'PopSettings', verdict: 'not_applicable', detail: 'no external host is published' }];
    },
  },
};
