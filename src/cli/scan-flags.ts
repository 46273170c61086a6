import { closest, distance } from 'fastest-levenshtein';
import { CasguardError } from '../errors.js';
import { Flags } from '@oclif/core';
import { SEVERITIES } from '../model/result.js';
import { FORMATS } from './outputs.js';

/** Flags shared by the commands that evaluate packs. */
export const packFlags = {
  pack: Flags.string({ char: 'p', description: 'rule pack: a file, or a built-in pack id (repeatable; default exchange-baseline)', multiple: true }),
  config: Flags.string({ char: 'c', description: 'casguard.yml with packs, params, overrides, failOn, waivers (default ./casguard.yml when present)' }),
};

/**
 * `-f`/`--format`: repeatable, comma-separated (`-f sarif,junit`), any case (`-f SARIF`); an unknown
 * name is exit 2 with the nearest one suggested.
 */
export function formatFlag<F extends string>(names: readonly F[]) {
  return Flags.custom<F>({
    char: 'f',
    description: `output format (repeatable, or comma-separated): ${names.join(', ')}`,
    multiple: true,
    delimiter: ',',
    parse: async (input) => {
      const name = input.trim().toLowerCase();
      if ((names as readonly string[]).includes(name)) return name as F;
      const near = closest(name, [...names]);
      throw new CasguardError('usage/invalid-arguments', `unknown format "${input}" (formats: ${names.join(', ')})`, { hint: distance(name, near) <= 3 ? `did you mean -f ${near}?` : 'see --help' });
    },
  })();
}

/** Flags of the commands that write reports (scan, render). */
export const outputFlags = {
  format: formatFlag(Object.keys(FORMATS) as (keyof typeof FORMATS)[]),
  output: Flags.string({ char: 'o', description: 'write to this file (one format) or directory (several: report.html, results.json, results.sarif, results.junit.xml, report.md, results.txt, remediation.ps1)' }),
  'apply-ready': Flags.boolean({ description: 'remediation script without -WhatIf on its changes' }),
  'sarif-max-results': Flags.integer({ description: 'SARIF: above this many results, per-mailbox findings are summed up per rule (GitHub code scanning keeps 5,000 per run)', default: 5000, min: 1, max: 25000 }),
};

export const scanFlags = {
  ...packFlags,
  ...outputFlags,
  'fail-on': Flags.option({ description: 'lowest severity of an open fail or error that fails the gate (exit 1) (default: failOn in casguard.yml, else high)', options: [...SEVERITIES, 'none'] as const })(),
  waivers: Flags.string({ description: 'waivers file (rule, identity pattern, reason, owner, expires)' }),
  baseline: Flags.string({ description: 'earlier results.json: its failing findings are shown as accepted and do not fail the gate' }),
  'all-findings': Flags.boolean({ description: 'list passing mailbox findings too (they are only counted by default)' }),
  logs: Flags.string({ description: 'POP3/IMAP4 protocol logs (files or folders) to evaluate with the EXLOG rules beside the exports (repeatable)', multiple: true }),
  jobs: Flags.integer({ description: 'threads that read a large Get-CASMailbox export at once (default: the available cores; 1 reads it on one thread); the result is the same whatever the number', min: 1, max: 64 }),
};
