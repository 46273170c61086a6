// Named facts: the predicates of ../shared/rule-catalog.md ("Derived predicates") that a condition can
// ask for with {fact: name}. Mailbox facts use only the record and the pack params, so per-mailbox rules
// can be evaluated while a large export streams; the others need the scan context.

import AjvModule from 'ajv';
import type { Subject } from './evaluation-context.js';
import { compilePattern } from './operators.js';
import { protocolOfKind, type Protocol, type ScanContext } from './scan-context.js';
import type { ConnectionSetting, IpBinding } from '../normalize/network-values.js';
import { compareVersions, exchangeRelease } from './version.js';
import { unreadableProperty, Unknown, type Tri } from './tri.js';

const Ajv = AjvModule.default ?? AjvModule;
const ajv = new Ajv({ allErrors: true });

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
  const validate = ajv.compile(optionsSchema);
  return {
    description,
    optionsSchema,
    needsContext,
    evaluate,
    checkOptions: (options) => (validate(options) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || 'options'} ${e.message ?? 'invalid'}`)),
  };
}

function protocolFor(subject: Subject, options: Record<string, unknown>): Protocol | Unknown {
  const p = (options.protocol as Protocol | undefined) ?? protocolOfKind(subject.record.kind);
  return p ?? new Unknown('the fact needs a protocol (pop or imap)');
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v.toLowerCase() : undefined;
}

/** The names a mailbox is known by: SamAccountName, Name, Identity, PrimarySmtpAddress (and its local part), EmailAddresses. */
export function mailboxNames(props: Record<string, unknown>): string[] {
  const names = [props.SamAccountName, props.Name, props.Identity, props.PrimarySmtpAddress, props.Alias].map(text).filter((n): n is string => !!n);
  const smtp = text(props.PrimarySmtpAddress);
  if (smtp?.includes('@')) names.push(smtp.split('@')[0] as string);
  if (Array.isArray(props.EmailAddresses)) {
    for (const a of props.EmailAddresses) if (typeof a === 'string') names.push(a.toLowerCase().replace(/^smtp:/, ''));
  }
  return names;
}

/** Policy params in the form facts use them, compiled once per scan (not per mailbox). */
interface MailboxPolicy {
  builtinAdmin: Set<string>;
  privilegedNames: Set<string>;
  privilegedPatterns: RegExp[];
  systemPattern: RegExp;
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

function testText(re: RegExp, v: unknown): boolean {
  return typeof v === 'string' && re.test(v);
}

function matchesAny(props: Record<string, unknown>, names: Set<string>): boolean {
  return names.size > 0 && mailboxNames(props).some((n) => names.has(n));
}

function isAdminMailbox(props: Record<string, unknown>, context: ScanContext): boolean {
  if (text(props.SamAccountName) === 'administrator' || text(props.Name) === 'administrator') return true;
  return matchesAny(props, policyOf(context).builtinAdmin);
}

/** Reads properties a fact needs, or says which one is missing or unreadable. */
function need(subject: Subject, ...keys: string[]): Record<string, unknown> | Unknown {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const bad = unreadableProperty(subject.record, k);
    if (bad) return bad;
    const v = subject.record.props[k];
    if (v === undefined) return new Unknown(`${k} is missing from the export`);
    out[k] = v;
  }
  return out;
}

const asList = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const UNLIMITED = 2147483647;
const limit = (v: unknown) => (v === 'Unlimited' ? Infinity : typeof v === 'number' ? v : NaN);

function versionOf(subject: Subject): string | Unknown {
  const p = need(subject, 'AdminDisplayVersion');
  return p instanceof Unknown ? p : String(p.AdminDisplayVersion);
}

export const FACTS: Record<string, Fact> = {
  adminMailbox: fact('The built-in Administrator mailbox (SamAccountName or Name "Administrator", or named in params.builtinAdmin).', noOptions, false, (s, c) =>
    isAdminMailbox(s.record.props, c),
  ),
  privilegedMailbox: fact('A mailbox in params.privileged (names, or patterns such as "(?i)admin"), other than the built-in Administrator.', noOptions, false, (s, c) => {
    const props = s.record.props;
    if (isAdminMailbox(props, c)) return false;
    const policy = policyOf(c);
    if (matchesAny(props, policy.privilegedNames)) return true;
    for (const re of policy.privilegedPatterns) {
      if (testText(re, props.SamAccountName) || testText(re, props.Name) || testText(re, props.DisplayName)) return true;
    }
    return false;
  }),
  systemMailbox: fact('A discovery, arbitration, federation, migration or health mailbox (params.systemMailboxPattern).', noOptions, false, (s, c) => {
    const pattern = policyOf(c).systemPattern;
    const p = s.record.props;
    if (testText(pattern, p.Name) || testText(pattern, p.SamAccountName) || testText(pattern, p.DisplayName)) return true;
    const smtp = p.PrimarySmtpAddress;
    return typeof smtp === 'string' && pattern.test(smtp.slice(0, smtp.indexOf('@') >>> 0));
  }),
  inAllowList: fact('The mailbox is in params.<protocol>.allowList (matched on SamAccountName, Name, Identity, SMTP addresses).', { ...protocolOption, required: ['protocol'] }, false, (s, c, o) =>
    matchesAny(s.record.props, policyOf(c).allowLists[o.protocol as Protocol]),
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
    const p = need(s, 'ExternalConnectionSettings', 'InternalConnectionSettings', 'SSLBindings', 'UnencryptedOrTLSBindings');
    if (p instanceof Unknown) return p;
    const ssl = new Set(asList<IpBinding>(p.SSLBindings).map((b) => b.port));
    const plain = new Set(asList<IpBinding>(p.UnencryptedOrTLSBindings).map((b) => b.port));
    const settings = [...asList<ConnectionSetting>(p.ExternalConnectionSettings), ...asList<ConnectionSetting>(p.InternalConnectionSettings)];
    return settings.every((c) => (c.encryption === 'SSL' ? ssl.has(c.port) : plain.has(c.port)));
  }),
  certificateMatchesAdvertisedHost: fact('X509CertificateName equals a host of the connection settings (or a *.domain wildcard covers one).', noOptions, false, (s) => {
    const p = need(s, 'X509CertificateName', 'ExternalConnectionSettings', 'InternalConnectionSettings');
    if (p instanceof Unknown) return p;
    const name = String(p.X509CertificateName ?? '').toLowerCase();
    const hosts = [...asList<ConnectionSetting>(p.ExternalConnectionSettings), ...asList<ConnectionSetting>(p.InternalConnectionSettings)].map((c) => c.hostname.toLowerCase());
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
  authenticationTypesValid: fact('AnyOfAuthenticationTypes/ExceptAnyOfAuthenticationTypes hold only types valid for the rule\'s protocols.', noOptions, false, (s) => {
    const p = need(s, 'AnyOfProtocols');
    if (p instanceof Unknown) return p;
    const protocols = asList<string>(p.AnyOfProtocols);
    const valid: Record<string, string[]> = { ExchangeAdminCenter: ['AdfsAuthentication', 'BasicAuthentication'], RemotePowerShell: ['BasicAuthentication', 'NonBasicAuthentication'] };
    const allowed = protocols.length === 0 ? ['BasicAuthentication'] : [...new Set(protocols.flatMap((x) => valid[x] ?? []))];
    const types = [...asList<string>(s.record.props.AnyOfAuthenticationTypes), ...asList<string>(s.record.props.ExceptAnyOfAuthenticationTypes)];
    return types.every((t) => allowed.includes(t));
  }),
  exchangeVersionSupported: fact('The server runs a release still in support on the check date (params.endOfSupport; params.checkDate or the scan date).', noOptions, true, (s, c) => {
    const v = versionOf(s);
    if (v instanceof Unknown) return v;
    const release = exchangeRelease(v);
    if (release === 'unknown') return new Unknown(`unknown Exchange version ${v}`);
    const ends = (c.params.endOfSupport ?? {}) as Record<string, string | null>;
    const end = ends[release];
    if (!end) return true;
    const checkDate = typeof c.params.checkDate === 'string' ? c.params.checkDate : c.now;
    return checkDate.slice(0, 10) <= end;
  }),
  exchangeBuildCurrent: fact('The build is at least the minimum for its release (params.minimumBuilds).', noOptions, false, (s, c) => {
    const v = versionOf(s);
    if (v instanceof Unknown) return v;
    const release = exchangeRelease(v);
    const minimum = ((c.params.minimumBuilds ?? {}) as Record<string, string | null>)[release];
    if (minimum === undefined) return new Unknown(`no minimum build known for Exchange ${release}`);
    return minimum !== null && compareVersions(v, minimum) >= 0;
  }),
  serverShortName: fact("The value of `field` is the record's server name (case-insensitive), or has no dot.", { type: 'object', properties: { field: { type: 'string' } }, required: ['field'], additionalProperties: false }, false, (s, _c, o) => {
    const v = s.record.props[String(o.field)];
    if (v === undefined) return new Unknown(`${String(o.field)} is missing from the export`);
    if (typeof v !== 'string' || v === '') return false;
    return v.toLowerCase() === (s.record.server ?? '').toLowerCase() || !v.includes('.');
  }),
};
