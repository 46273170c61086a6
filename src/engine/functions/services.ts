// Service checks (catalog section D) and the cross-server service comparison (EXX-005).

import type { CanonicalRecord } from '../../model/records.js';
import { compareText } from '../../report/compare-text.js';
import { isAutomatic, PROTOCOL_SERVICES, serverKey, type Protocol, type ServiceState } from '../scan-context.js';
import type { CollectionFunction, CollectionInput, Outcome } from './types.js';
import type { Fix } from '../../model/fix.js';
import { command, fixOf, Word } from './fix-builder.js';

/** Stops both services of a protocol on a server and disables them (EXSVC-001/002). */
function disableFix(server: string, names: readonly string[]): Fix {
  const on = server === '(local)' ? undefined : server;
  return fixOf([
    { ...command('Stop-Service', { Name: new Word(names.join(',')) }, on), stops: [...names] },
    ...names.map((n) => ({ ...command('Set-Service', { Name: new Word(n), StartupType: new Word('Disabled') }, on), stops: [n] })),
  ]);
}

/** Sets both services of a protocol to Automatic and starts them (EXSVC-003). */
function enableFix(server: string, names: readonly string[]): Fix {
  const on = server === '(local)' ? undefined : server;
  return fixOf([...names.map((n) => command('Set-Service', { Name: new Word(n), StartupType: new Word('Automatic') }, on)), command('Start-Service', { Name: new Word(names.join(',')) }, on)]);
}

const protocolOptions = { type: 'object', properties: { protocol: { enum: ['pop', 'imap'] } }, required: ['protocol'], additionalProperties: false };

interface ServerServices {
  server: string;
  frontend?: ServiceState;
  backend?: ServiceState;
  record: CanonicalRecord;
}

/** The protocol's two services per server, from the scan context's view of the Service export. */
function byServer(input: CollectionInput, protocol: Protocol): ServerServices[] {
  const { frontend, backend } = PROTOCOL_SERVICES[protocol];
  const out: ServerServices[] = [];
  for (const services of input.context.services.values()) {
    const fe = services.get(frontend);
    const be = services.get(backend);
    const record = fe?.record ?? be?.record;
    if (!record?.server) continue;
    out.push({ server: record.server, record, ...(fe ? { frontend: fe } : {}), ...(be ? { backend: be } : {}) });
  }
  return out.sort((a, b) => compareText(a.server, b.server));
}

/** The servers params.<protocol>.servers names, if it names any. */
function listedServers(input: CollectionInput, protocol: Protocol): Set<string> | undefined {
  const servers = (input.params[protocol] as { servers?: unknown } | undefined)?.servers;
  return Array.isArray(servers) ? new Set(servers.map((x) => serverKey(String(x)))) : undefined;
}

const describe = (s: ServiceState | undefined) => (s ? `${s.status ?? '?'}/${s.startType ?? '?'}` : 'not exported');

function protocolOf(input: CollectionInput): Protocol {
  return input.options.protocol as Protocol;
}

export const SERVICE_FUNCTIONS: Record<string, CollectionFunction> = {
  protocolServicesDisabled: {
    description: 'EXSVC-001/002: when the protocol is not required, both its services are Disabled on every server.',
    optionsSchema: protocolOptions,
    kinds: () => ['Service'],
    evaluate(input) {
      const protocol = protocolOf(input);
      const { label } = PROTOCOL_SERVICES[protocol];
      if (input.context.protocolRequired(protocol)) return [{ identity: 'Service', verdict: 'not_applicable', detail: `${label} is required by the policy (casguard.yml)` }];
      return byServer(input, protocol).map((s): Outcome => {
        const states = [s.frontend, s.backend];
        const base = { identity: `${s.server}/${label}`, server: s.server, record: s.record, field: 'StartType', expected: 'Disabled (both services)', actual: `frontend ${describe(s.frontend)}, backend ${describe(s.backend)}` };
        if (states.some((x) => x === undefined)) return { ...base, verdict: 'error', detail: `a ${label} service is missing from the Service export` };
        const disabled = states.every((x) => x?.startType === 'Disabled');
        const live = states.some((x) => x?.status === 'Running' || isAutomatic(x?.startType));
        return { ...base, verdict: disabled ? 'pass' : 'fail', severity: live ? 'high' : 'medium', ...(disabled ? {} : { fix: disableFix(s.server, PROTOCOL_SERVICES[protocol].names) }) };
      });
    },
  },

  protocolServicesRunning: {
    description: 'EXSVC-003: for each required protocol, both services are Running and Automatic on the servers that serve it (params.<protocol>.servers, default all).',
    optionsSchema: { type: 'object', additionalProperties: false },
    kinds: () => ['Service'],
    evaluate(input) {
      const out: Outcome[] = [];
      for (const protocol of ['pop', 'imap'] as const) {
        if (!input.context.protocolRequired(protocol)) continue;
        const { label, names } = PROTOCOL_SERVICES[protocol];
        const only = listedServers(input, protocol);
        for (const s of byServer(input, protocol).filter((x) => !only || only.has(serverKey(x.server)))) {
          const ok = [s.frontend, s.backend].every((x) => x?.status === 'Running' && isAutomatic(x.startType));
          out.push({
            identity: `${s.server}/${label}`,
            server: s.server,
            record: s.record,
            verdict: ok ? 'pass' : 'fail',
            field: 'Status',
            expected: 'Running/Automatic (both services)',
            actual: `frontend ${describe(s.frontend)}, backend ${describe(s.backend)}`,
            ...(ok ? {} : { fix: enableFix(s.server, names) }),
          });
        }
      }
      return out.length ? out : [{ identity: 'Service', verdict: 'not_applicable', detail: 'neither POP3 nor IMAP4 is required by the policy (casguard.yml)' }];
    },
  },

  protocolServicesConsistent: {
    description: 'EXSVC-004: the frontend and backend services of a protocol have the same status and start type on a server.',
    optionsSchema: { type: 'object', additionalProperties: false },
    kinds: () => ['Service'],
    evaluate(input) {
      const out: Outcome[] = [];
      for (const protocol of ['pop', 'imap'] as const) {
        const { label } = PROTOCOL_SERVICES[protocol];
        for (const s of byServer(input, protocol)) {
          const base = { identity: `${s.server}/${label}`, server: s.server, record: s.record, field: 'Status', expected: 'frontend and backend alike', actual: `frontend ${describe(s.frontend)}, backend ${describe(s.backend)}` };
          if (!s.frontend || !s.backend) {
            out.push({ ...base, verdict: 'error', detail: `a ${label} service is missing from the Service export` });
            continue;
          }
          const same = s.frontend.status === s.backend.status && s.frontend.startType === s.backend.startType;
          // Aligned the way the policy wants the protocol: running when required, disabled otherwise.
          const fix = input.context.protocolRequired(protocol) ? enableFix(s.server, PROTOCOL_SERVICES[protocol].names) : disableFix(s.server, PROTOCOL_SERVICES[protocol].names);
          out.push({ ...base, verdict: same ? 'pass' : 'fail', ...(same ? {} : { fix }) });
        }
      }
      return out;
    },
  },

  protocolServicesSameOnAllServers: {
    description: 'EXX-005: a protocol is not enabled on some servers and disabled on others.',
    optionsSchema: { type: 'object', additionalProperties: false },
    kinds: () => ['Service'],
    evaluate(input) {
      const out: Outcome[] = [];
      for (const protocol of ['pop', 'imap'] as const) {
        const { label } = PROTOCOL_SERVICES[protocol];
        const excluded = listedServers(input, protocol) ?? new Set<string>();
        const states = byServer(input, protocol).filter((s) => !excluded.has(serverKey(s.server)));
        if (states.length < 2) continue;
        const on = states.filter((s) => s.frontend?.status === 'Running' || isAutomatic(s.frontend?.startType));
        const off = states.filter((s) => !on.includes(s));
        const mixed = on.length > 0 && off.length > 0;
        out.push({
          identity: label,
          verdict: mixed ? 'fail' : 'pass',
          field: 'StartType',
          expected: 'the same state on every server',
          actual: mixed ? `enabled on ${on.map((s) => s.server).join(', ')}; disabled or stopped on ${off.map((s) => s.server).join(', ')}` : on.length ? 'enabled everywhere' : 'off everywhere',
          ...(mixed ? { fix: fixOf([], [`converge ${label}: disable it everywhere if it is not required (the services findings give the commands), or start it on every server that should serve it`]) } : {}),
        });
      }
      return out.length ? out : [{ identity: 'Service', verdict: 'not_applicable', detail: 'fewer than two servers with POP/IMAP services exported' }];
    },
  },
};
