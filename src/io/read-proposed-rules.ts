// `simulate --rules FILE`: client access rules to try before creating them, written as YAML or JSON with
// the property names of New-ClientAccessRule / Get-ClientAccessRule (Name, Priority, Action, AnyOf…).

import { ProblemsError } from '../errors.js';
import { FileWarnings } from '../ingest/file-warnings.js';
import type { CanonicalRecord } from '../model/records.js';
import { CLIENT_ACCESS_RULE_PROPERTIES } from '../normalize/kinds/client-access-rule.js';
import { normalizeRecord } from '../normalize/normalize-record.js';
import { loadYamlFile } from './read-yaml.js';

/** What New-ClientAccessRule sets when a parameter is left out. */
const DEFAULTS: Record<string, unknown> = { Enabled: true };
const LISTS = Object.keys(CLIENT_ACCESS_RULE_PROPERTIES).filter((k) => /^(Except)?(AnyOf|Username|UserIsMemberOf)/.test(k));

function problem(path: string, where: string, message: string): ProblemsError {
  return new ProblemsError('proposal/invalid', [{ file: path, line: 1, path: where, message }], 'a rules file holds a list of rules: - {Name: Block EAC, Action: DenyAccess, AnyOfProtocols: [ExchangeAdminCenter], Priority: 1}');
}

/** Reads proposed rules as canonical ClientAccessRule records; every problem names the file and the rule. */
export function loadProposedRules(path: string): CanonicalRecord[] {
  let { data } = loadYamlFile(path, 'proposal/invalid', 'rules file');
  if (data && typeof data === 'object' && !Array.isArray(data) && 'rules' in data) data = (data as { rules: unknown }).rules;
  const items = Array.isArray(data) ? data : data && typeof data === 'object' ? [data] : undefined;
  if (!items || items.length === 0) throw problem(path, '/', 'no rules in the file');
  const warnings = new FileWarnings();
  const seen = new Set<string>();
  return items.map((item, i) => {
    const where = `/${i}`;
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw problem(path, where, 'a rule is an object with Name and Action');
    const o = Object.assign(Object.create(null) as Record<string, unknown>, DEFAULTS, item);
    for (const k of Object.keys(o)) if (!Object.hasOwn(CLIENT_ACCESS_RULE_PROPERTIES, k)) throw problem(path, `${where}/${k}`, `${k} is not a client access rule property (New-ClientAccessRule parameters: ${Object.keys(CLIENT_ACCESS_RULE_PROPERTIES).filter((p) => /^[A-Z]/.test(p) && !/^(Identity|Id|Guid|DistinguishedName|When|Object|Originating|IsValid|PS|Runspace|ExchangeVersion|AdminDisplayName)/.test(p)).join(', ')})`);
    if (typeof o.Name !== 'string' || o.Name.trim() === '') throw problem(path, `${where}/Name`, 'every rule needs a Name');
    if (o.Action !== 'AllowAccess' && o.Action !== 'DenyAccess') throw problem(path, `${where}/Action`, 'Action is AllowAccess or DenyAccess');
    if (seen.has(o.Name.toLowerCase())) throw problem(path, `${where}/Name`, `two rules named "${o.Name}"`);
    seen.add(o.Name.toLowerCase());
    // A single value where New-ClientAccessRule takes a list (AnyOfProtocols: RemotePowerShell).
    for (const k of LISTS) if (typeof o[k] === 'string') o[k] = [o[k]];
    for (const k of LISTS) o[k] ??= [];
    const record = normalizeRecord(o, { kind: 'ClientAccessRule' }, { path, pointer: where }, warnings);
    const bad = Object.entries(record.unreadable)[0];
    if (bad) throw problem(path, `${where}/${bad[0]}`, bad[1].detail);
    return record;
  });
}
