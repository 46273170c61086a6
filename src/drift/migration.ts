// Migration mode: what the new servers lack, weaken or strengthen compared with the legacy servers they
// replace, and the catalog's two migration rules evaluated on the comparison (EXX-006, EXX-007).

import type { ChecklistItem, DriftChange, DriftResult } from '../model/drift.js';
import type { ExportKind } from '../model/export-kind.js';
import type { ConnectionSetting } from '../normalize/network-values.js';
import { identityKey, shortHostName } from '../normalize/kinds/common.js';
import { psArgument, quotePowerShell } from '../powershell/quote.js';
import { displayValue, formatValue } from '../report/format-value.js';
import { readList, readValue } from '../engine/evidence.js';
import { isAutomatic, PROTOCOL_SERVICES, type Protocol } from '../engine/scan-context.js';
import { Unknown } from '../engine/tri.js';
import type { Side, SideRecord } from './read-side.js';
import type { ServerPair } from './server-map.js';

const PROTOCOLS: { protocol: Protocol; kind: ExportKind; label: string; cmdlet: string }[] = [
  { protocol: 'pop', kind: 'PopSettings', label: 'POP3', cmdlet: 'Set-PopSettings' },
  { protocol: 'imap', kind: 'ImapSettings', label: 'IMAP4', cmdlet: 'Set-ImapSettings' },
];

const LOGIN_STRENGTH: Record<string, number> = { PlainTextLogin: 0, PlainTextAuthentication: 1, SecureLogin: 2 };

/** The protocol's frontend service runs (or starts automatically) on a server; unknown without a Service export. */
function active(side: Side, server: string, protocol: Protocol): boolean | undefined {
  const services = side.records.get('Service');
  if (!services || services.size === 0) return undefined;
  const fe = [...services.values()].find((s) => s.server && identityKey(shortHostName(s.server)) === identityKey(shortHostName(server)) && String(s.record.props.Name ?? '').toLowerCase() === PROTOCOL_SERVICES[protocol].frontend);
  if (!fe) return false;
  return fe.record.props.Status === 'Running' || isAutomatic(fe.record.props.StartType as string | undefined);
}

interface Posture {
  login: string | Unknown;
  logging: unknown;
  external: ConnectionSetting[] | Unknown;
  certificate: unknown;
}

function postureOf(r: SideRecord): Posture {
  const ext = readList(r.record, 'ExternalConnectionSettings');
  const login = readValue(r.record, 'LoginType');
  return { login: login instanceof Unknown ? login : String(login), logging: readValue(r.record, 'ProtocolLogEnabled'), external: ext instanceof Unknown ? ext : (ext as ConnectionSetting[]), certificate: readValue(r.record, 'X509CertificateName') };
}

const fqdn = (v: unknown) => typeof v === 'string' && v.includes('.');
const unencrypted = (p: Posture) => (p.external instanceof Unknown ? undefined : p.external.some((c) => !c.encryption));
const weak = (p: Posture) => p.login !== 'SecureLogin' || p.logging !== true || unencrypted(p) === true;

/** The checklist and the EXX-006/EXX-007 outcomes of every mapped server pair and protocol. */
export function migrationReview(baseline: Side, current: Side, pairs: readonly ServerPair[], changes: readonly DriftChange[]): Pick<DriftResult, 'checklist' | 'migration'> {
  const checklist: ChecklistItem[] = [];
  const migration: DriftResult['migration'] = [];
  for (const pair of pairs) {
    for (const p of PROTOCOLS) {
      const legacyRec = baseline.records.get(p.kind)?.get(identityKey(pair.to));
      const newRec = current.records.get(p.kind)?.get(identityKey(pair.to));
      if (!legacyRec || !newRec) continue;
      const legacy = postureOf(legacyRec);
      const next = postureOf(newRec);
      // Baseline records of a mapped server carry the new name (the map renamed them when they were read).
      const legacyActive = active(baseline, pair.to, p.protocol) ?? true;
      const where = `${pair.from} → ${pair.to}`;
      const item = (status: ChecklistItem['status'], text: string) => checklist.push({ status, area: p.label, server: where, text });

      const lacks: string[] = [];
      const fixArgs: [string, unknown][] = [];
      if (!(legacy.external instanceof Unknown) && !(next.external instanceof Unknown) && legacy.external.length > 0 && next.external.length === 0) {
        lacks.push(`ExternalConnectionSettings (${legacy.external.map((c) => displayValue(c)).join(', ')})`);
        fixArgs.push(['ExternalConnectionSettings', legacy.external]);
      }
      if (fqdn(legacy.certificate) && !fqdn(next.certificate)) {
        lacks.push(`X509CertificateName ${String(legacy.certificate)} (new: ${formatValue(next.certificate)})`);
        fixArgs.push(['X509CertificateName', legacy.certificate]);
      }
      if (legacy.logging === true && next.logging === false) {
        lacks.push('protocol logging');
        fixArgs.push(['ProtocolLogEnabled', true]);
      }
      for (const l of lacks) item('lacks', `${pair.to} lacks the ${l} that ${pair.from} has`);
      const unknowns = [legacy.external, next.external, legacy.login, next.login].filter((x) => x instanceof Unknown) as Unknown[];
      const exx006 = { ruleId: 'EXX-006', severity: 'medium' as const, server: pair.to, protocol: p.label };
      if (!legacyActive) migration.push({ ...exx006, verdict: 'pass', message: `${p.label} is not in use on ${pair.from}: nothing to carry over to ${pair.to}` });
      else if (lacks.length) {
        const fix = `${p.cmdlet} -Server ${quotePowerShell(pair.to)} ${fixArgs.map(([k, v]) => `-${k} ${psArgument(v)}`).join(' ')}`;
        migration.push({ ...exx006, verdict: 'fail', message: `${p.label} on ${pair.to} lacks what ${pair.from} has configured: ${lacks.join('; ')}`, remediation: `${fix}\n# manual step: review the values (host names, certificate) for the new server, enable its certificate for ${p.label}, then restart its ${p.label} services` });
      } else if (unknowns.length) migration.push({ ...exx006, verdict: 'error', message: `whether ${pair.to} carries the ${p.label} settings of ${pair.from} could not be checked: ${unknowns[0]?.reason}` });
      else migration.push({ ...exx006, verdict: 'pass', message: `${p.label} on ${pair.to} carries the external settings, certificate name and logging of ${pair.from}` });

      const ls = LOGIN_STRENGTH[String(legacy.login)];
      const ns = LOGIN_STRENGTH[String(next.login)];
      if (ls !== undefined && ns !== undefined && ns < ls) item('weakens', `${pair.to} accepts LoginType ${String(next.login)}, weaker than ${String(legacy.login)} on ${pair.from}`);
      if (ls !== undefined && ns !== undefined && ns > ls) item('decide', `${pair.from} accepts ${String(legacy.login)}; ${pair.to} requires ${String(next.login)}: clients that send passwords in clear will fail after cut-over — find them in the ${p.label} protocol logs first`);
      if (legacy.logging === false && next.logging === true) item('strengthens', `${pair.to} logs ${p.label}; ${pair.from} did not`);
      if (unencrypted(legacy) === false && unencrypted(next) === true) item('weakens', `${pair.to} advertises unencrypted ${p.label} settings; ${pair.from} did not`);
      if (unencrypted(legacy) === true && unencrypted(next) === false) item('strengthens', `${pair.to} advertises only encrypted ${p.label} settings`);

      const exx007 = { ruleId: 'EXX-007', severity: 'high' as const, server: pair.from, protocol: p.label };
      if (!legacyActive) migration.push({ ...exx007, verdict: 'pass', message: `${p.label} is not in use on ${pair.from}` });
      else if (legacy.login instanceof Unknown || next.login instanceof Unknown) migration.push({ ...exx007, verdict: 'error', message: `whether ${pair.from} is weaker than ${pair.to} could not be checked: ${(legacy.login instanceof Unknown ? legacy.login : (next.login as Unknown)).reason}` });
      else if (weak(legacy) && !weak(next)) {
        migration.push({ ...exx007, verdict: 'fail', message: `${pair.from} still serves ${p.label} with weaker settings than ${pair.to} (LoginType ${legacy.login}, logging ${formatValue(legacy.logging)}${unencrypted(legacy) ? ', unencrypted settings advertised' : ''})`, remediation: `# manual step: once the ${p.label} clients use ${pair.to}, disable ${p.label} on ${pair.from} (the services findings give the commands), or harden ${pair.from} to the settings of ${pair.to}` });
      } else migration.push({ ...exx007, verdict: 'pass', message: `${pair.from} is not weaker than ${pair.to} for ${p.label}` });

      const legacyOn = active(baseline, pair.to, p.protocol);
      const newOn = active(current, pair.to, p.protocol);
      if (legacyOn === true && newOn === false) item('lacks', `${p.label} runs on ${pair.from} but not on ${pair.to}: applications that use it break at cut-over unless they are moved or the service is started`);
      if (legacyOn === false && newOn === true) item('differs', `${p.label} runs on ${pair.to} but did not on ${pair.from}: is it needed?`);
    }
  }
  const mailboxes = changes.filter((c) => c.kind === 'CASMailbox' && (c.field === 'PopEnabled' || c.field === 'ImapEnabled'));
  if (mailboxes.length) {
    const names = [...new Set(mailboxes.map((c) => c.identity))];
    checklist.push({ status: 'differs', area: 'Mailboxes', text: `${names.length} mailbox${names.length === 1 ? '' : 'es'} changed POP3/IMAP4 access: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}` });
  }
  for (const c of changes.filter((x) => x.kind === 'ClientAccessRule')) {
    if (c.change === 'removed') checklist.push({ status: 'lacks', area: 'Client access rules', text: `the rule "${c.identity}" is missing on the new side` });
    if (c.change === 'modified' && c.field === 'Priority') checklist.push({ status: 'differs', area: 'Client access rules', text: `the rule "${c.identity}" moved from priority ${c.before} to ${c.after}` });
  }
  return { checklist, migration };
}
