import type { ExportKind } from '../model/export-kind.js';
import type { CanonicalRecord } from '../model/records.js';
import { identityKey, shortHostName } from '../normalize/kinds/common.js';

export type Protocol = 'pop' | 'imap';

/** Frontend and backend service names per protocol, lower-cased (names vary in case on real servers). */
export const PROTOCOL_SERVICES: Record<Protocol, { frontend: string; backend: string; names: [string, string]; label: string }> = {
  pop: { frontend: 'msexchangepop3', backend: 'msexchangepop3be', names: ['MSExchangePOP3', 'MSExchangePOP3BE'], label: 'POP3' },
  imap: { frontend: 'msexchangeimap4', backend: 'msexchangeimap4be', names: ['MSExchangeIMAP4', 'MSExchangeIMAP4BE'], label: 'IMAP4' },
};

export interface ServiceState {
  status: string | undefined;
  startType: string | undefined;
  /** The Service record the state comes from (evidence for findings). */
  record: CanonicalRecord;
}

/** The protocol a settings kind is about. */
export function protocolOfKind(kind: ExportKind): Protocol | undefined {
  return kind === 'PopSettings' ? 'pop' : kind === 'ImapSettings' ? 'imap' : undefined;
}

/**
 * What the whole scan knows beyond one record: which kinds were exported, the service state per server
 * and the Exchange servers. Built after all inputs are read, from the records of the small kinds.
 */
export class ScanContext {
  readonly kindsPresent = new Set<ExportKind>();
  /** server key → service name (lower case) → state */
  readonly services = new Map<string, Map<string, ServiceState>>();
  readonly servers: CanonicalRecord[] = [];

  constructor(
    readonly params: Readonly<Record<string, unknown>>,
    /** The scan time (or SOURCE_DATE_EPOCH), ISO 8601: the default check date of date-based rules. */
    readonly now: string,
  ) {}

  addRecord(record: CanonicalRecord): void {
    if (record.kind === 'Service' && record.server) {
      const key = serverKey(record.server);
      let map = this.services.get(key);
      if (!map) this.services.set(key, (map = new Map()));
      const name = String(record.props.Name ?? record.props.ServiceName ?? '').toLowerCase();
      map.set(name, { status: str(record.props.Status), startType: str(record.props.StartType), record });
    }
    if (record.kind === 'ExchangeServer') this.servers.push(record);
  }

  get hasServiceData(): boolean {
    return this.services.size > 0;
  }

  /** The state of one service on one server, or undefined when not exported. */
  service(server: string, name: string): ServiceState | undefined {
    return this.services.get(serverKey(server))?.get(name);
  }

  /** Frontend Running or Automatic on that server; undefined when the server's services were not exported. */
  protocolActive(server: string, protocol: Protocol): boolean | undefined {
    const s = this.service(server, PROTOCOL_SERVICES[protocol].frontend);
    if (!s) return undefined;
    return s.status === 'Running' || isAutomatic(s.startType);
  }

  /** Both services of the protocol Disabled on that server. */
  protocolDormant(server: string, protocol: Protocol): boolean {
    const { frontend, backend } = PROTOCOL_SERVICES[protocol];
    return this.service(server, frontend)?.startType === 'Disabled' && this.service(server, backend)?.startType === 'Disabled';
  }

  protocolRequired(protocol: Protocol): boolean {
    const p = this.params[protocol] as { required?: unknown } | undefined;
    return p?.required === true;
  }

  /**
   * The protocol is required by policy or active on some server. Without any Service export casguard
   * cannot tell, and assumes it is in use (the cautious answer; the result carries a note).
   */
  protocolInUse(protocol: Protocol): boolean {
    if (this.protocolRequired(protocol)) return true;
    if (!this.hasServiceData) return true;
    for (const server of this.services.keys()) if (this.protocolActive(server, protocol)) return true;
    return false;
  }
}

export function isAutomatic(startType: string | undefined): boolean {
  return startType === 'Automatic' || startType === 'AutomaticDelayedStart';
}

/** Servers are matched by short name, case-insensitively (PSComputerName is an FQDN, Server a name). */
export function serverKey(server: string): string {
  return identityKey(shortHostName(server));
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
