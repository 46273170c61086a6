import { ENUMS } from '../enums.js';
import { toIntRanges, toIpRanges } from '../network-values.js';
import { toBool, toEnum, toInt, toList, toString, toStringList } from '../values.js';
import { BASE_PROPERTIES, type PropertySpec } from './common.js';

const protocols = toList(toEnum(ENUMS.ClientAccessProtocol));
const authTypes = toList(toEnum(ENUMS.ClientAccessAuthenticationMethod));

/** Get-ClientAccessRule (ADClientAccessRule). */
export const CLIENT_ACCESS_RULE_PROPERTIES: PropertySpec = {
  ...BASE_PROPERTIES,
  Priority: toInt,
  Enabled: toBool,
  DatacenterAdminsOnly: toBool,
  Action: toEnum(ENUMS.ClientAccessRulesAction),
  AnyOfClientIPAddressesOrRanges: toIpRanges,
  ExceptAnyOfClientIPAddressesOrRanges: toIpRanges,
  AnyOfSourceTcpPortNumbers: toIntRanges,
  ExceptAnyOfSourceTcpPortNumbers: toIntRanges,
  UsernameMatchesAnyOfPatterns: toStringList,
  ExceptUsernameMatchesAnyOfPatterns: toStringList,
  UserIsMemberOf: toStringList,
  ExceptUserIsMemberOf: toStringList,
  AnyOfAuthenticationTypes: authTypes,
  ExceptAnyOfAuthenticationTypes: authTypes,
  AnyOfProtocols: protocols,
  ExceptAnyOfProtocols: protocols,
  UserRecipientFilter: toString,
  Scope: toEnum(ENUMS.ClientAccessRulesScope),
};

/** Rule identity: `Name`, else `Identity`. */
export function clientAccessRuleIdentity(props: Record<string, unknown>): string | undefined {
  for (const key of ['Name', 'Identity'] as const) {
    const v = props[key];
    if (typeof v === 'string' && v) return v;
  }
  return undefined;
}
