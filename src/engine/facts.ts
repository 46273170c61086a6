// Named facts: the predicates of ../shared/rule-catalog.md ("Derived predicates") that a condition can
// ask for with {fact: name}. Mailbox facts use only the record and the pack params, so per-mailbox rules
// can be evaluated while a large export streams; the others need the scan context.

import type { Subject } from './evaluation-context.js';
import { compilePattern, type Pattern } from './pattern.js';
import { protocolOfKind, type Protocol, type ScanContext } from './scan-context.js';
import type { ConnectionSetting, IpBinding } from '../normalize/network-values.js';
import { compareVersions, exchangeRelease } from './version.js';
import { Unknown, type Tri } from './tri.js';
import { readList, readValue } from './evidence.js';
import { lookupTable } from '../model/lookup.js';
import type { CanonicalRecord } from '../model/records.js';
import { schemaValidator } from '../schema-validator.js';


export interface Fact {
  readonly description: string;
  readonly optionsSchema: object;
  /** True when the fact needs other kinds (services, servers): not usable by streamed mailbox rules. */
  readonly needsContext: boolean;
  evaluate(subject: Subject, context: ScanContext, options: Record<string, unknown>): Tri;
  checkOptions(options: Record<string, unknown>): string[];
}

const protocolOption = { type: 'object', properties: { protocol: { enum: ['pop', 'imap'] } }, additionalProperties: false };
const noOptions = { type: 'object', additionalProperties: false };

function fact(description: string, optionsSchema: object, needsContext: boolean, evaluate: Fact['evaluate']): Fact {
  const validator = schemaValidator(optionsSchema);
  return {
    description,
    optionsSchema,
    needsContext,
    evaluate,
    checkOptions: (options) => {
      const validate = validator();
      return validate(options) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || 'options'} ${e.message ?? 'invalid'}`);
    },
  };
}

function protocolFor(subject: Subject, options: Record<string, unknown>): Protocol | Unknown {
  const p = (options.protocol as Protocol | undefined) ?? protocolOfKind(subject.record.kind);
  return p ?? new Unknown('the fact needs a protocol (pop or imap)');
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v.toLowerCase() : undefined;
}

/**
 * The names a mailbox is known by: SamAccountName, Name, Identity, Alias, PrimarySmtpAddress (and its
 * local part) and EmailAddresses; Unknown stands for addresses that could not be read (depth-truncated).
 */
export function mailboxNames(record: Pick<CanonicalRecord, 'props' | 'unreadable'>): { names: string[]; unread?: Unknown } {
  const props = record.props;
  const names = [props.SamAccountName, props.Name, props.Identity, props.PrimarySmtpAddress, props.Alias].map(text).filter((n): n is string => !!n);
  const smtp = text(props.PrimarySmtpAddress);
  if (smtp?.includes('@')) names.push(smtp.split('@')[0] as string);
  const addresses = record.unreadable.EmailAddresses ? readList(record, 'EmailAddresses') : Array.isArray(props.EmailAddresses) ? props.EmailAddresses : [];
  if (addresses instanceof Unknown) return { names, unread: addresses };
  for (const a of addresses) if (typeof a === 'string') names.push(a.toLowerCase().replace(/^smtp:/, ''));
  return { names };
}

/** Policy params in the form facts use them, compiled once per scan (not per mailbox). */
interface MailboxPolicy {
  builtinAdmin: Set<string>;
  privilegedNames: Set<string>;
  privilegedPatterns: Pattern[];
  systemPattern: Pattern;
  allowLists: Record<Protocol, Set<string>>;
}

const policies = new WeakMap<object, MailboxPolicy>();

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function policyOf(context: ScanContext): MailboxPolicy {
  let policy = policies.get(context.params);
  if (!policy) {
    const p = context.params as Record<string, Record<string, unknown> | undefined>;
    const lower = (v: unknown) => new Set(strings(v).map((x) => x.toLowerCase()));
    policy = {
      builtinAdmin: lower(context.params.builtinAdmin),
      privilegedNames: lower(p.privileged?.names),
      privilegedPatterns: strings(p.privileged?.patterns).map(compilePattern),
      systemPattern: compilePattern(String(context.params.systemMailboxPattern ?? '(?i)^(DiscoverySearchMailbox\\{|SystemMailbox\\{|FederatedEmail\\.|Migration\\.|HealthMailbox)')),
      allowLists: { pop: lower(p.pop?.allowList), imap: lower(p.imap?.allowList) },
    };
    policies.set(context.params, policy);
  }
  return policy;
}

function testText(re: Pattern, v: unknown): boolean {
  return typeof v === 'string' && re.test(v);
}

/** The mailbox is one of `names`: true on a match, unknown when no readable name matches but some address was unreadable. */
function matchesAny(record: Pick<CanonicalRecord, 'props' | 'unreadable'>, names: Set<string>): Tri {
  if (names.size === 0) return false;
  const known = mailboxNames(record);
  if (known.names.some((n) => names.has(n))) return true;
  // Only a listed address (with @) can hide among unreadable EmailAddresses.
  return known.unread && [...names].some((n) => n.includes('@')) ? known.unread : false;
}

function isAdminMailbox(record: CanonicalRecord, context: ScanContext): Tri {
  const props = record.props;
  if (text(props.SamAccountName) === 'administrator' || text(props.Name) === 'administrator') return true;
  return matchesAny(record, policyOf(context).builtinAdmin);
}

/** Reads properties a fact needs, or says which one is missing or unreadable. */
function need(subject: Subject, ...keys: string[]): Record<string, unknown> | Unknown {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = readValue(subject.record, k);
    if (v instanceof Unknown) return v;
    out[k] = v;
  }
  return out;
}

/** Several list-valued properties, or the first that cannot be read. */
function lists<T>(subject: Subject, ...keys: string[]): T[][] | Unknown {
  const out: T[][] = [];
  for (const k of keys) {
    const v = readList(subject.record, k);
    if (v instanceof Unknown) return v;
    out.push(v as T[]);
  }
  return out;
}

const UNLIMITED = 2147483647;
const limit = (v: unknown) => (v === 'Unlimited' ? Infinity : typeof v === 'number' ? v : NaN);

function versionOf(subject: Subject): string | Unknown {
  const p = need(subject, 'AdminDisplayVersion');
  return p instanceof Unknown ? p : String(p.AdminDisplayVersion);
}

export const FACTS: Readonly<Record<string, Fact>> = lookupTable({
  adminMailbox: fact('The built-in Administrator mailbox (SamAccountName or Name "Administrator", or named in params.builtinAdmin).', noOptions, false, (s, c) => isAdminMailbox(s.record, c)),
  privilegedMailbox: fact('A mailbox in params.privileged (names, or patterns such as "(?i)admin"), other than the built-in Administrator.', noOptions, false, (s, c) => {
    const props = s.record.props;
    const admin = isAdminMailbox(s.record, c);
    if (admin !== false) return admin === true ? false : admin;
    const policy = policyOf(c);
    for (const re of policy.privilegedPatterns) {
      if (testText(re, props.SamAccountName) || testText(re, props.Name) || testText(re, props.DisplayName)) return true;
    }
    return matchesAny(s.record, policy.privilegedNames);
  }),
  systemMailbox: fact('A discovery, arbitration, federation, migration or health mailbox (params.systemMailboxPattern).', noOptions, false, (s, c) => {
    const pattern = policyOf(c).systemPattern;
    const p = s.record.props;
    if (testText(pattern, p.Name) || testText(pattern, p.SamAccountName) || testText(pattern, p.DisplayName)) return true;
    const smtp = p.PrimarySmtpAddress;
    return typeof smtp === 'string' && pattern.test(smtp.slice(0, smtp.indexOf('@') >>> 0));
  }),
  inAllowList: fact('The mailbox is in params.<protocol>.allowList (matched on SamAccountName, Name, Identity, SMTP addresses).', { ...protocolOption, required: ['protocol'] }, false, (s, c, o) =>
    matchesAny(s.record, policyOf(c).allowLists[o.protocol as Protocol]),
  ),
  protocolRequired: fact('params.<protocol>.required is true.', protocolOption, false, (s, c, o) => {
    const p = protocolFor(s, o);
    return p instanceof Unknown ? p : c.protocolRequired(p);
  }),
  protocolInUse: fact('The protocol is required by policy or its frontend service is Running or Automatic on some server (assumed when no Service export).', protocolOption, true, (s, c, o) => {
    const p = protocolFor(s, o);
    return p instanceof Unknown ? p : c.protocolInUse(p);
  }),
  protocolActiveOnServer: fact("The protocol's frontend service is Running or Automatic on the record's server.", protocolOption, true, (s, c, o) => {
    const p = protocolFor(s, o);
    if (p instanceof Unknown) return p;
    if (!s.record.server) return new Unknown('the record names no server');
    return c.protocolActive(s.record.server, p) ?? new Unknown(`no Service export for ${s.record.server}`);
  }),
  protocolDormantOnServer: fact("Both services of the protocol are Disabled on the record's server.", protocolOption, true, (s, c, o) => {
    const p = protocolFor(s, o);
    if (p instanceof Unknown) return p;
    return s.record.server ? c.protocolDormant(s.record.server, p) : false;
  }),
  advertisedPortsBound: fact('Every advertised connection setting has a matching binding: SSL on an SSLBindings port, TLS or none on an UnencryptedOrTLSBindings port.', noOptions, false, (s) => {
    const bindings = lists<IpBinding>(s, 'SSLBindings', 'UnencryptedOrTLSBindings');
    const advertised = lists<ConnectionSetting>(s, 'ExternalConnectionSettings', 'InternalConnectionSettings');
    if (bindings instanceof Unknown) return bindings;
    if (advertised instanceof Unknown) return advertised;
    const ssl = new Set((bindings[0] as IpBinding[]).map((b) => b.port));
    const plain = new Set((bindings[1] as IpBinding[]).map((b) => b.port));
    const settings = advertised.flat();
    return settings.every((c) => (c.encryption === 'SSL' ? ssl.has(c.port) : plain.has(c.port)));
  }),
  certificateMatchesAdvertisedHost: fact('X509CertificateName equals a host of the connection settings (or a *.domain wildcard covers one).', noOptions, false, (s) => {
    const p = need(s, 'X509CertificateName');
    if (p instanceof Unknown) return p;
    const advertised = lists<ConnectionSetting>(s, 'ExternalConnectionSettings', 'InternalConnectionSettings');
    if (advertised instanceof Unknown) return advertised;
    const name = String(p.X509CertificateName ?? '').toLowerCase();
    const hosts = advertised.flat().map((c) => c.hostname.toLowerCase());
    if (hosts.length === 0) return new Unknown('no connection settings are advertised to compare with');
    return hosts.some((h) => h === name || (name.startsWith('*.') && h.endsWith(name.slice(1)) && !h.slice(0, -name.length + 1).includes('.')));
  }),
  connectionLimitsWithinPolicy: fact('MaxConnections and MaxConnectionFromSingleIP are limited, MaxConnectionsPerUser is at most params.maxConnPerUser, and MaxConnectionFromSingleIP at most params.maxConnFromSingleIP when set.', noOptions, false, (s, c) => {
    const p = need(s, 'MaxConnections', 'MaxConnectionFromSingleIP', 'MaxConnectionsPerUser');
    if (p instanceof Unknown) return p;
    const perUser = typeof c.params.maxConnPerUser === 'number' ? c.params.maxConnPerUser : 16;
    const perIp = typeof c.params.maxConnFromSingleIP === 'number' ? c.params.maxConnFromSingleIP : undefined;
    return (
      limit(p.MaxConnections) < UNLIMITED &&
      limit(p.MaxConnectionFromSingleIP) < UNLIMITED &&
      limit(p.MaxConnectionsPerUser) <= perUser &&
      (perIp === undefined || limit(p.MaxConnectionFromSingleIP) <= perIp)
    );
  }),
  clientAccessRulesEnforceable: fact('Some exported server runs Exchange 2019 or later (client access rules work only there), or no Get-ExchangeServer export was given.', noOptions, true, (_s, c) => {
    if (c.servers.length === 0) return true;
    return c.servers.some((r) => ['2019', 'SE'].includes(exchangeRelease(String(r.props.AdminDisplayVersion ?? ''))));
  }),
  exchangeVersionSupported: fact('The server runs a release still in support on the check date (params.endOfSupport; params.checkDate or the scan date).', noOptions, true, (s, c) => {
    const v = versionOf(s);
    if (v instanceof Unknown) return v;
    const release = exchangeRelease(v);
    if (release === 'unknown') return new Unknown(`unknown Exchange version ${v}`);
    const ends = c.params.endOfSupport;
    const end = ends && typeof ends === 'object' && Object.hasOwn(ends, release) ? (ends as Record<string, unknown>)[release] : undefined;
    if (typeof end !== 'string') return true;
    const checkDate = typeof c.params.checkDate === 'string' ? c.params.checkDate : c.now;
    return checkDate.slice(0, 10) <= end;
  }),
  exchangeBuildCurrent: fact('The build is at least the minimum for its release (params.minimumBuilds).', noOptions, false, (s, c) => {
    const v = versionOf(s);
    if (v instanceof Unknown) return v;
    const release = exchangeRelease(v);
    const builds = c.params.minimumBuilds;
    const minimum = builds && typeof builds === 'object' && Object.hasOwn(builds, release) ? (builds as Record<string, unknown>)[release] : undefined;
    if (minimum !== null && typeof minimum !== 'string') return new Unknown(`no minimum build known for Exchange ${release}`);
    return minimum !== null && compareVersions(v, minimum) >= 0;
  }),
  serverShortName: fact("The value of `field` is the record's server name (case-insensitive), or has no dot.", { type: 'object', properties: { field: { type: 'string' } }, required: ['field'], additionalProperties: false }, false, (s, _c, o) => {
    const v = s.record.props[String(o.field)];
    if (v === undefined) return new Unknown(`${String(o.field)} is missing from the export`);
    if (typeof v !== 'string' || v === '') return false;
    return v.toLowerCase() === (s.record.server ?? '').toLowerCase() || !v.includes('.');
  }),
});
