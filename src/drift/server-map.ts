// Migration mode: legacy servers paired with new ones (--map EX2016-01=EXSE-01), so their settings and
// services are compared with each other instead of being "removed" and "added".

import { CasguardError } from '../errors.js';
import type { CanonicalRecord } from '../model/records.js';
import { identityKey, shortHostName } from '../normalize/kinds/common.js';

export interface ServerPair {
  from: string;
  to: string;
}

/** Kinds whose records belong to one server and follow it through the map. */
const PER_SERVER = new Set(['PopSettings', 'ImapSettings', 'Service', 'ExchangeServer']);

/** Parses `OLD=NEW` pairs; a pair that is not one is a usage error naming it. */
export function parsePairs(specs: readonly string[], file?: string): ServerPair[] {
  return specs.map((spec) => {
    const m = /^\s*([^=\s]+)\s*=\s*([^=\s]+)\s*$/.exec(spec);
    if (!m) throw new CasguardError('usage/invalid-arguments', `--map "${spec}" is not OLDSERVER=NEWSERVER`, file ? { location: { file } } : {});
    return { from: m[1] as string, to: m[2] as string };
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class ServerMap {
  private readonly byLegacy = new Map<string, ServerPair>();
  readonly used = new Set<string>();

  constructor(readonly pairs: readonly ServerPair[]) {
    for (const p of pairs) {
      const key = identityKey(shortHostName(p.from));
      if (this.byLegacy.has(key)) throw new CasguardError('usage/invalid-arguments', `--map names ${p.from} twice`);
      this.byLegacy.set(key, p);
    }
  }

  /**
   * Renames a baseline record of a mapped server to the new server (identity and server), and returns
   * how to rewrite its values: the legacy server's own name, in host names and paths, becomes the new one's.
   */
  rename(record: CanonicalRecord): { originalIdentity: string; rewrite: (v: unknown) => unknown } | undefined {
    if (!PER_SERVER.has(record.kind) || !record.server) return undefined;
    const pair = this.byLegacy.get(identityKey(shortHostName(record.server)));
    if (!pair) return undefined;
    this.used.add(pair.from);
    const originalIdentity = record.identity;
    const oldShort = shortHostName(record.server);
    const newShort = shortHostName(pair.to);
    record.identity = record.identity.startsWith(record.server) ? `${pair.to}${record.identity.slice(record.server.length)}` : pair.to;
    record.server = pair.to;
    const name = new RegExp(`(?<![A-Za-z0-9-])${escapeRegExp(oldShort)}(?![A-Za-z0-9-])`, 'gi');
    const rewrite = (v: unknown): unknown => {
      if (typeof v === 'string') return v.replace(name, (m) => (m === m.toLowerCase() ? newShort.toLowerCase() : m === m.toUpperCase() ? newShort.toUpperCase() : newShort));
      if (Array.isArray(v)) return v.map(rewrite);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rewrite(x)]));
      return v;
    };
    return { originalIdentity, rewrite };
  }

  /** Servers named by the map that neither side holds: an error naming them. */
  checkFound(currentServers: ReadonlySet<string>, file?: string): void {
    const names = [...this.pairs.filter((p) => !this.used.has(p.from)).map((p) => p.from), ...this.pairs.filter((p) => !currentServers.has(identityKey(shortHostName(p.to)))).map((p) => p.to)];
    if (names.length) {
      throw new CasguardError('usage/invalid-arguments', `--map names ${names.length === 1 ? 'a server' : 'servers'} found on neither side: ${names.join(', ')}`, {
        ...(file ? { location: { file } } : {}),
        hint: 'use the server names the exports hold (casguard inspect shows them)',
      });
    }
  }
}
