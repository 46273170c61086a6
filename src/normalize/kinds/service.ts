import { ENUMS } from '../enums.js';
import { toEnum, toString } from '../values.js';
import { shortHostName, type PropertySpec } from './common.js';

const status = toEnum(ENUMS.ServiceControllerStatus);
const startMode = toEnum(ENUMS.ServiceStartMode);

/** Get-Service (ServiceController, ints or names). */
export const SERVICE_PROPERTIES: PropertySpec = {
  Name: toString,
  ServiceName: toString,
  DisplayName: toString,
  MachineName: toString,
  Status: status,
  StartType: startMode,
  StartupType: startMode,
  ServiceType: toEnum(ENUMS.ServiceType),
  PSComputerName: toString,
};

/**
 * Win32_Service (Get-CimInstance / Get-WmiObject): `State` and `StartMode` strings. They are mapped onto
 * Get-Service's `Status` and `StartType` so rules read one shape; Win32's own `Status` ("OK") is health.
 */
export const WIN32_SERVICE_PROPERTIES: PropertySpec = {
  Name: toString,
  DisplayName: toString,
  SystemName: toString,
  State: status,
  StartMode: startMode,
  PSComputerName: toString,
};

/** Renames Win32_Service fields onto the Get-Service shape (after normalisation). */
export function mapWin32Service(props: Record<string, unknown>): void {
  props.HealthStatus = props.Status;
  props.Status = props.State;
  props.StartType = props.StartMode;
  delete props.State;
  delete props.StartMode;
}

/** The server of a service record, or undefined when the export does not say (`MachineName` "."). */
export function serviceServer(props: Record<string, unknown>): string | undefined {
  for (const key of ['PSComputerName', 'MachineName', 'SystemName', '__SERVER'] as const) {
    const v = props[key];
    if (typeof v === 'string' && v && v !== '.') return shortHostName(v);
  }
  return undefined;
}

/** The service name (`Name` or `ServiceName`). */
export function serviceName(props: Record<string, unknown>): string | undefined {
  const v = props.Name ?? props.ServiceName;
  return typeof v === 'string' && v ? v : undefined;
}

const PROTOCOL_SERVICE_NAMES = new Set(['msexchangepop3', 'msexchangepop3be', 'msexchangeimap4', 'msexchangeimap4be']);

/** A Service record of one of the four POP3/IMAP4 services (any other service says nothing about POP/IMAP). */
export function isProtocolService(record: { props: Record<string, unknown> }): boolean {
  return PROTOCOL_SERVICE_NAMES.has(String(record.props.Name ?? record.props.ServiceName ?? '').toLowerCase());
}
