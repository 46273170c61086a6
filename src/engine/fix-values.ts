// Values a remediation computes from the record it fixes ({{fix.name}} in a pack's `run` lines), so a fix
// reuses the exported host names and the pack's limits instead of inventing them. A value the evidence
// cannot give is a Decide: the argument becomes a manual step saying what to decide.

import type { CanonicalRecord } from '../model/records.js';
import type { ConnectionSetting, IpBinding } from '../normalize/network-values.js';
import type { SizeLimit } from '../normalize/directory-values.js';
import { readList, readValue } from './evidence.js';
import { Unknown } from './tri.js';
import type { Protocol } from './scan-context.js';

/** The argument is left out: the record already complies on that point. */
export const OMIT = Symbol('omit');

/** The right value cannot be known from the exports: an administrator decides it. */
export class Decide {
  constructor(readonly what: string) {}
}

export type FixValueResult = unknown | typeof OMIT | Decide;

export interface FixValue {
  readonly description: string;
  compute(record: CanonicalRecord, params: Readonly<Record<string, unknown>>, protocol: Protocol | undefined): FixValueResult;
}

export const PROTOCOL_PORTS: Record<Protocol, { ssl: number; plain: number; proxy: number }> = {
  pop: { ssl: 995, plain: 110, proxy: 1995 },
  imap: { ssl: 993, plain: 143, proxy: 1993 },
};

const UNLIMITED = 2147483647;

function settings(record: CanonicalRecord, key: string): ConnectionSetting[] | Unknown {
  const v = readList(record, key);
  return v instanceof Unknown ? v : (v as ConnectionSetting[]);
}

/** Unencrypted entries moved to the protocol's SSL port; encrypted entries kept as they are. */
function secured(key: string): FixValue {
  return {
    description: `${key} with every unencrypted entry moved to the SSL port (host names kept)`,
    compute(record, _params, protocol) {
      const list = settings(record, key);
      if (list instanceof Unknown || !protocol) return new Decide(`the ${key} (the export does not show them)`);
      if (list.every((c) => c.encryption)) return OMIT;
      const ssl = PROTOCOL_PORTS[protocol].ssl;
      return [...new Set(list.map((c) => (c.encryption ? `${c.hostname}:${c.port}:${c.encryption}` : `${c.hostname}:${ssl}:SSL`)))];
    },
  };
}

/** The one host name clients are told to use (external first, else internal). */
function advertisedHost(record: CanonicalRecord): string | Decide {
  for (const key of ['ExternalConnectionSettings', 'InternalConnectionSettings']) {
    const list = settings(record, key);
    if (list instanceof Unknown) return new Decide(`the FQDN clients connect to (${key} is not in the export)`);
    const hosts = [...new Set(list.map((c) => c.hostname.toLowerCase()))];
    if (hosts.length === 1) return hosts[0] as string;
    if (hosts.length > 1) return new Decide(`which of the advertised names (${hosts.join(', ')}) the certificate is issued to`);
  }
  return new Decide('the FQDN clients connect to (no connection settings are advertised)');
}

function limit(v: unknown): number {
  return v === 'Unlimited' ? Infinity : typeof v === 'number' ? v : NaN;
}

/** A connection limit: the pack's value when the record exceeds it, a decision when the pack sets none. */
function connectionLimit(key: string, param: string | undefined, what: string): FixValue {
  return {
    description: `${key}: params.${param ?? '(none)'} when the record is unlimited or above it`,
    compute(record, params) {
      const current = limit(readValue(record, key));
      const wanted = param && typeof params[param] === 'number' ? (params[param] as number) : undefined;
      if (wanted !== undefined) return current <= wanted ? OMIT : wanted;
      return current < UNLIMITED ? OMIT : new Decide(what);
    },
  };
}

/** A timeout capped at its default: a stricter value is kept. */
function timeoutCap(key: string, seconds: number, text: string): FixValue {
  return {
    description: `${key} capped at ${text}`,
    compute(record) {
      const v = readValue(record, key);
      return typeof v === 'number' && v <= seconds ? OMIT : text;
    },
  };
}

export const FIX_VALUES: Readonly<Record<string, FixValue>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, FixValue>, {
    secureExternalConnectionSettings: secured('ExternalConnectionSettings'),
    secureInternalConnectionSettings: secured('InternalConnectionSettings'),
    advertisedHost: { description: 'the single advertised host name (external, else internal)', compute: (r: CanonicalRecord) => advertisedHost(r) },
    sslBindingsForAdvertised: {
      description: 'SSLBindings plus a wildcard binding for every advertised SSL port that is not bound',
      compute(record: CanonicalRecord) {
        const bindings = readList(record, 'SSLBindings');
        const advertised = [...asSettings(settings(record, 'ExternalConnectionSettings')), ...asSettings(settings(record, 'InternalConnectionSettings'))];
        if (bindings instanceof Unknown) return new Decide('the SSL bindings (SSLBindings is not in the export)');
        const bound = new Set((bindings as IpBinding[]).map((b) => b.port));
        const missing = [...new Set(advertised.filter((c) => c.encryption === 'SSL' && !bound.has(c.port)).map((c) => c.port))];
        if (missing.length === 0) return new Decide('whether to bind the advertised clear-text/TLS ports or stop advertising them (see the clear-text listener and unencrypted settings findings)');
        return [...(bindings as IpBinding[]).map((b) => (b.address.includes(':') ? `[${b.address}]:${b.port}` : `${b.address}:${b.port}`)), ...missing.flatMap((p) => [`[::]:${p}`, `0.0.0.0:${p}`])];
      },
    },
    logFileLocation: {
      description: 'a log folder off the system drive: always a decision',
      compute(record: CanonicalRecord) {
        const v = readValue(record, 'LogFileLocation');
        return typeof v === 'string' && !/^(c:|%ExchangeInstallPath%)|\\Exchange Server\\/i.test(v) ? OMIT : new Decide('a folder on a log volume other than the system drive');
      },
    },
    logPerFileSizeQuota: {
      description: '0 (a new file every LogFileRollOverSettings period) when the quota is Unlimited',
      compute(record: CanonicalRecord) {
        const v = readValue(record, 'LogPerFileSizeQuota') as SizeLimit | Unknown;
        return v instanceof Unknown || v === null || !v.unlimited ? OMIT : 0;
      },
    },
    maxConnectionFromSingleIP: connectionLimit('MaxConnectionFromSingleIP', 'maxConnFromSingleIP', 'a MaxConnectionFromSingleIP that fits your clients (set maxConnFromSingleIP in casguard.yml to have it written here)'),
    maxConnections: connectionLimit('MaxConnections', undefined, 'a MaxConnections limit that fits the server'),
    maxConnectionsPerUser: connectionLimit('MaxConnectionsPerUser', 'maxConnPerUser', 'a MaxConnectionsPerUser limit'),
    authenticatedConnectionTimeout: timeoutCap('AuthenticatedConnectionTimeout', 1800, '00:30:00'),
    preAuthenticatedConnectionTimeout: timeoutCap('PreAuthenticatedConnectionTimeout', 60, '00:01:00'),
  }),
);

function asSettings(v: ConnectionSetting[] | Unknown): ConnectionSetting[] {
  return v instanceof Unknown ? [] : v;
}
