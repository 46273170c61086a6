import type { Connection, Simulation } from '../engine/client-access-match.js';
import type { InputSummary } from './records.js';

/** One simulated connection and what the rules decide for it. */
export interface SimulatedConnection extends Simulation {
  connection: Connection;
}

/** A protocol and client address from which every administrator is (or may be) blocked. */
export interface Lockout {
  protocol: string;
  ip: string;
  certain: boolean;
  reason: string;
}

/** The result of `casguard simulate` (src/report/simulate-result.schema.json). */
export interface SimulateResult {
  schemaVersion: '1';
  tool: { name: 'casguard'; version: string };
  generatedAt: string;
  inputs: InputSummary[];
  /** Rules from --rules: which were added and which replaced an exported rule of the same name. */
  proposed?: { file: string; added: string[]; replaced: string[] };
  /** The rules simulated, in evaluation order, with the priorities they have after the proposed change. */
  rules: { name: string; priority: number | null; enabled: boolean | null; action: string }[];
  notes: string[];
  simulations: SimulatedConnection[];
  /** --matrix: protocol and address combinations that block every administrator. */
  lockouts?: Lockout[];
  /** 0: allowed (matrix: no lock-out); 1: blocked or depending on what the exports cannot tell (matrix: a lock-out). */
  exitCode: 0 | 1;
}
