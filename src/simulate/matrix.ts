// `simulate --matrix`: every honoured protocol × the administrators' addresses × the administrators ×
// the authentication types the protocol supports; a protocol and address from which every administrator
// is blocked is a lock-out (certain, or possible when some cells depend on what the exports cannot tell).

import { HONOURED_PROTOCOLS, PROTOCOL_AUTH, simulate, type Connection, type HonouredProtocol } from '../engine/client-access-match.js';
import type { CanonicalRecord } from '../model/records.js';
import type { Lockout, SimulatedConnection } from '../model/simulation.js';


export interface MatrixRequest {
  protocols?: HonouredProtocol[];
  ips: string[];
  users: string[];
  auth?: string;
  port?: number;
}

export function simulateMatrix(rules: readonly CanonicalRecord[], m: MatrixRequest): { simulations: SimulatedConnection[]; lockouts: Lockout[] } {
  const simulations: SimulatedConnection[] = [];
  const lockouts: Lockout[] = [];
  for (const protocol of m.protocols ?? HONOURED_PROTOCOLS) {
    for (const ip of m.ips) {
      const cells: SimulatedConnection[] = [];
      for (const user of m.users) {
        for (const auth of m.auth ? [m.auth] : PROTOCOL_AUTH[protocol]) {
          const connection: Connection = { protocol, ip, user, auth, ...(m.port !== undefined ? { port: m.port } : {}) };
          cells.push({ connection, ...simulate(rules, connection) });
        }
      }
      simulations.push(...cells);
      if (cells.some((c) => c.decision === 'allowed')) continue;
      const certain = cells.every((c) => c.decision === 'blocked');
      const first = cells.find((c) => c.decision === (certain ? 'blocked' : 'depends'));
      lockouts.push({ protocol, ip, certain, reason: `${certain ? 'every' : 'possibly every'} administrator (${m.users.join(', ')}) is blocked: ${first?.reason ?? ''}` });
    }
  }
  return { simulations, lockouts };
}
