import { isIP } from 'node:net';
import { enabled, runsClientAccessRules, simulate, type Connection, type HonouredProtocol } from '../engine/client-access-match.js';
import { readValue } from '../engine/evidence.js';
import { Unknown } from '../engine/tri.js';
import { CasguardError } from '../errors.js';
import type { CanonicalRecord } from '../model/records.js';
import type { SimulateResult } from '../model/simulation.js';
import { applyProposed } from '../simulate/apply-proposed.js';
import { simulateMatrix } from '../simulate/matrix.js';
import { ingestInputs, type ExportSource } from './ingest-inputs.js';

export interface SimulateRequest {
  inputs: readonly string[];
  /** One connection; `protocol` is required unless `matrix` is set. */
  protocol?: HonouredProtocol;
  ips: string[];
  users: string[];
  auth?: string;
  port?: number;
  matrix: boolean;
  proposed?: { file: string; rules: CanonicalRecord[] };
  now: string;
  toolVersion: string;
}

/** Reads the exports, applies the proposed rules and simulates one connection or the administrators' matrix. */
export async function runSimulate(request: SimulateRequest, source: ExportSource): Promise<SimulateResult> {
  const exported: CanonicalRecord[] = [];
  const servers: CanonicalRecord[] = [];
  const { summaries } = await ingestInputs(request.inputs, source, (r) => {
    if (r.kind === 'ClientAccessRule') exported.push(r);
    else if (r.kind === 'ExchangeServer') servers.push(r);
  });
  if (!summaries.some((s) => s.kinds.ClientAccessRule !== undefined) && !request.proposed) {
    throw new CasguardError('export/no-exports', 'no Get-ClientAccessRule export among the inputs: there are no rules to simulate', {
      location: { file: request.inputs.join(', ') },
      hint: 'export them with Get-ClientAccessRule | ConvertTo-Json -Depth 5 (or Export-CasGuardData.ps1), or give proposed rules with --rules',
    });
  }
  for (const ip of request.ips) if (!isIP(ip)) throw new CasguardError('usage/invalid-arguments', `--ip "${ip}" is not an IPv4 or IPv6 address`);
  const applied = request.proposed ? applyProposed(exported, request.proposed.rules) : { rules: applyProposed(exported, []).rules, added: [], replaced: [] };
  const notes: string[] = [];
  if (servers.length > 0 && !servers.some(runsClientAccessRules)) notes.push('no exported server runs Exchange 2019 or later: client access rules have no effect on these servers, whatever this simulation says');
  notes.push('Exchange caches client access rules: a change takes up to an hour to apply (up to 24 hours for the first rule of an organisation)');

  let simulations: SimulateResult['simulations'];
  let lockouts: SimulateResult['lockouts'];
  if (request.matrix) {
    if (request.ips.length === 0 || request.users.length === 0) {
      throw new CasguardError('usage/invalid-arguments', '--matrix needs the administrators\' addresses and accounts', { hint: 'set admins: {ips: [...], users: [...]} in casguard.yml, or give --ip and --user (repeatable)' });
    }
    ({ simulations, lockouts } = simulateMatrix(applied.rules, { ...(request.protocol ? { protocols: [request.protocol] } : {}), ips: request.ips, users: request.users, ...(request.auth ? { auth: request.auth } : {}), ...(request.port !== undefined ? { port: request.port } : {}) }));
  } else {
    if (!request.protocol) throw new CasguardError('usage/invalid-arguments', '--protocol is required (ExchangeAdminCenter or RemotePowerShell), or use --matrix');
    const connection: Connection = { protocol: request.protocol, ...(request.ips[0] ? { ip: request.ips[0] } : {}), ...(request.users[0] ? { user: request.users[0] } : {}), ...(request.auth ? { auth: request.auth } : {}), ...(request.port !== undefined ? { port: request.port } : {}) };
    simulations = [{ connection, ...simulate(applied.rules, connection) }];
  }
  const exitCode = request.matrix ? ((lockouts ?? []).length > 0 ? 1 : 0) : simulations[0]?.decision === 'allowed' ? 0 : 1;
  return {
    schemaVersion: '1',
    tool: { name: 'casguard', version: request.toolVersion },
    generatedAt: request.now,
    inputs: summaries,
    ...(request.proposed ? { proposed: { file: request.proposed.file, added: applied.added, replaced: applied.replaced } } : {}),
    rules: applied.rules.map((r) => {
      const on = enabled(r);
      const action = readValue(r, 'Action');
      return { name: r.identity, priority: typeof r.props.Priority === 'number' ? r.props.Priority : null, enabled: on instanceof Unknown ? null : on, action: action instanceof Unknown ? 'unknown' : String(action) };
    }),
    notes,
    simulations,
    ...(lockouts ? { lockouts } : {}),
    exitCode,
  };
}
