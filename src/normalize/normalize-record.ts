import type { ExportKind } from '../model/export-kind.js';
import type { CanonicalRecord, SourceRef } from '../model/records.js';
import type { Recognition } from '../ingest/recognize-kind.js';
import { casMailboxIdentity, CAS_MAILBOX_PROPERTIES } from './kinds/cas-mailbox.js';
import { clientAccessRuleIdentity, CLIENT_ACCESS_RULE_PROPERTIES } from './kinds/client-access-rule.js';
import type { PropertySpec } from './kinds/common.js';
import { exchangeServerIdentity, EXCHANGE_SERVER_PROPERTIES } from './kinds/exchange-server.js';
import { protocolSettingsServer, PROTOCOL_SETTINGS_PROPERTIES } from './kinds/protocol-settings.js';
import { mapWin32Service, serviceName, serviceServer, SERVICE_PROPERTIES, WIN32_SERVICE_PROPERTIES } from './kinds/service.js';
import { Collapsed, MAX_TEXT_LENGTH, oversizedValue, unwrapPsObject, ValueProblem, type ValueProblemReason } from './values.js';

/** Identity and server of a normalised record; `missing` names what the export lacks when there is none. */
interface Keys {
  identity?: string;
  server?: string;
  missing: string;
}

interface KindHandler {
  spec: PropertySpec;
  keys(props: Record<string, unknown>): Keys;
}

const settingsHandler: KindHandler = {
  spec: PROTOCOL_SETTINGS_PROPERTIES,
  keys(props) {
    const server = protocolSettingsServer(props);
    return { identity: server, server, missing: 'Server (or an Identity of the form SERVER\\1)' };
  },
};

const HANDLERS: Record<ExportKind, KindHandler> = {
  PopSettings: settingsHandler,
  ImapSettings: settingsHandler,
  CASMailbox: {
    spec: CAS_MAILBOX_PROPERTIES,
    keys: (props) => ({ identity: casMailboxIdentity(props), missing: 'Identity, PrimarySmtpAddress or Guid' }),
  },
  ClientAccessRule: {
    spec: CLIENT_ACCESS_RULE_PROPERTIES,
    keys: (props) => ({ identity: clientAccessRuleIdentity(props), missing: 'Name or Identity' }),
  },
  ExchangeServer: {
    spec: EXCHANGE_SERVER_PROPERTIES,
    keys(props) {
      const identity = exchangeServerIdentity(props);
      return { identity, server: identity, missing: 'Name or Fqdn' };
    },
  },
  Service: {
    spec: SERVICE_PROPERTIES,
    keys(props) {
      const name = serviceName(props);
      // A local Get-Service export says MachineName "."; such records share the server "(local)".
      const server = serviceServer(props) ?? '(local)';
      return { identity: name && `${server}/${name}`, server, missing: 'Name or ServiceName' };
    },
  },
};

/** The property names casguard interprets for a kind (rule packs may use them as placeholders). */
export function knownProperties(kind: ExportKind): string[] {
  const names = new Set(Object.keys(HANDLERS[kind].spec));
  if (kind === 'Service') for (const k of ['Status', 'StartType', 'HealthStatus', ...Object.keys(WIN32_SERVICE_PROPERTIES)]) names.add(k);
  return [...names];
}

/** Counts of unusable property values per property, for one file's warnings. */
export interface ValueIssues {
  note(property: string, reason: ValueProblemReason | 'collapsed', detail: string, pointer: string): void;
}

/** Thrown when a record has no identity: the file cannot be used (DESIGN §9: identity impossible). */
export class MissingIdentityError extends Error {
  constructor(
    readonly kind: ExportKind,
    readonly missing: string,
  ) {
    super(`${kind} record without ${missing}`);
    this.name = 'MissingIdentityError';
  }
}

/**
 * Turns one recognised export object into a canonical record (DESIGN §4). The parsed object becomes the
 * record's `props`, normalised in place (a million mailboxes should not each be copied); the exported
 * value of every property that changed is kept in `raw` as evidence.
 */
export function normalizeRecord(parsed: Record<string, unknown>, recognition: Recognition, source: SourceRef, issues: ValueIssues): CanonicalRecord {
  const handler = HANDLERS[recognition.kind];
  const win32 = recognition.shape === 'Win32_Service';
  const spec = win32 ? WIN32_SERVICE_PROPERTIES : handler.spec;
  const props = parsed;
  const raw: Record<string, unknown> = {};
  const unreadable: CanonicalRecord['unreadable'] = {};
  for (const key in props) {
    const original = props[key];
    if (original instanceof ValueProblem) {
      // A reader already knows the value is lost (a CliXml reference it no longer holds, a `...` in text).
      delete props[key];
      unreadable[key] = { reason: original.reason, detail: original.detail };
      issues.note(key, original.reason, original.detail, source.pointer);
      continue;
    }
    const fn = Object.hasOwn(spec, key) ? spec[key] : undefined;
    const value = (original !== null && typeof original === 'object') || (typeof original === 'string' && original.length > MAX_TEXT_LENGTH) ? (oversizedValue(original) ?? (fn ? fn(original) : unwrapPsObject(original))) : fn ? fn(original) : unwrapPsObject(original);
    if (value === original) continue;
    raw[key] = original;
    if (value instanceof ValueProblem) {
      delete props[key];
      unreadable[key] = { reason: value.reason, detail: value.detail };
      issues.note(key, value.reason, value.detail, source.pointer);
    } else if (value instanceof Collapsed) {
      props[key] = value.value;
      issues.note(key, 'collapsed', '', source.pointer);
    } else {
      props[key] = value;
    }
  }
  if (win32) mapWin32Service(props);
  const keys = handler.keys(props);
  if (!keys.identity) throw new MissingIdentityError(recognition.kind, keys.missing);
  const record: CanonicalRecord = { kind: recognition.kind, identity: keys.identity, props, raw, unreadable, source };
  if (keys.server !== undefined) record.server = keys.server;
  return record;
}
