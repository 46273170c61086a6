import { toAdIdentity } from '../directory-values.js';
import { toDate } from '../time-values.js';
import { toBool, toString, toStringList, asIs, type Normalizer } from '../values.js';

/** Property name → normaliser for one kind. Properties not listed keep their (unwrapped) value. */
export type PropertySpec = Readonly<Record<string, Normalizer>>;

/** Base properties of every Exchange configuration object (export-shapes §4). */
export const BASE_PROPERTIES: PropertySpec = {
  AdminDisplayName: toString,
  ExchangeVersion: asIs,
  Name: toString,
  DistinguishedName: toString,
  Identity: toAdIdentity,
  Guid: toString,
  ObjectCategory: toAdIdentity,
  ObjectClass: toStringList,
  WhenChanged: toDate,
  WhenCreated: toDate,
  WhenChangedUTC: toDate,
  WhenCreatedUTC: toDate,
  Id: toAdIdentity,
  OriginatingServer: toString,
  IsValid: toBool,
  PSComputerName: toString,
  RunspaceId: toString,
  PSShowComputerName: toBool,
};

/** Case-insensitive key for identities (Exchange names are case-insensitive). */
export function identityKey(identity: string): string {
  return identity.toLowerCase();
}

/** The short host name of an FQDN or computer name (`ex01.contoso.com` → `ex01`). */
export function shortHostName(name: string): string {
  return name.split('.')[0] ?? name;
}
