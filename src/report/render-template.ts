import { formatValue } from './format-value.js';

const SAFE_TOKEN = /^[A-Za-z0-9_.:@\\/-]+$/;

/** A value as a PowerShell argument: bare when it is a plain token, else single-quoted (quotes doubled). */
export function quotePowerShell(value: string): string {
  return SAFE_TOKEN.test(value) ? value : `'${value.replace(/'/g, "''").replace(/[\u2018\u2019\u201a\u201b]/g, "''")}'`;
}

/**
 * Fills `{{name}}` placeholders from `vars`, then from the record's properties. In remediation (PowerShell)
 * every value is quoted so that no exported string can inject a command.
 */
export function renderTemplate(template: string, vars: Readonly<Record<string, string | undefined>>, props: Readonly<Record<string, unknown>>, powershell = false): string {
  return template.replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (_m, name: string) => {
    const value = vars[name] ?? (name in props ? formatValue(props[name], name) : undefined);
    if (value === undefined) return powershell ? `<${name}>` : `(${name} unknown)`;
    return powershell ? quotePowerShell(value) : value;
  });
}
