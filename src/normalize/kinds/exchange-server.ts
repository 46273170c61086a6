import { ENUMS } from '../enums.js';
import { toAdIdentity, toExchangeVersion } from '../directory-values.js';
import { toTimeSpan } from '../time-values.js';
import { toBool, toEnum, toString, toStringList } from '../values.js';
import { BASE_PROPERTIES, type PropertySpec } from './common.js';

/** Get-ExchangeServer. `Edition` numbers are not documented: only those seen in real exports are named. */
export const EXCHANGE_SERVER_PROPERTIES: PropertySpec = {
  ...BASE_PROPERTIES,
  Fqdn: toString,
  Domain: toString,
  Edition: toEnum(ENUMS.ServerEditionType),
  AdminDisplayVersion: toExchangeVersion,
  ServerRole: toEnum(ENUMS.ServerRole),
  Site: toAdIdentity,
  NetworkAddress: toStringList,
  IsClientAccessServer: toBool,
  IsMailboxServer: toBool,
  IsEdgeServer: toBool,
  IsHubTransportServer: toBool,
  IsFrontendTransportServer: toBool,
  IsE15OrLater: toBool,
  IsExchangeTrialEdition: toBool,
  RemainingTrialPeriod: toTimeSpan,
};

/** Server identity: `Name`, else the short form of `Fqdn`. */
export function exchangeServerIdentity(props: Record<string, unknown>): string | undefined {
  if (typeof props.Name === 'string' && props.Name) return props.Name;
  if (typeof props.Fqdn === 'string' && props.Fqdn) return props.Fqdn.split('.')[0];
  return undefined;
}
