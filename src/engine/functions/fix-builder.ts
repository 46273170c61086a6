// Fixes computed by collection functions: the same command model as a pack's remediation, with every value
// made by psArgument.

import type { Fix, FixCommand } from '../../model/fix.js';
import { psArgument } from '../../powershell/quote.js';

/** A parameter given without a value (`-Confirm:$false`). */
export const SWITCH = Symbol('switch');

/** An engine constant written bare (`-Action AllowAccess`); never a value from an export. */
export class Word {
  constructor(readonly text: string) {
    if (!/^[A-Za-z][\w.:,-]*$/.test(text)) throw new Error(`not a plain PowerShell word: ${text}`);
  }
}

/** One command; arguments whose value is undefined are left out. */
export function command(cmdlet: string, args: Record<string, unknown>, server?: string): FixCommand {
  const out: FixCommand['args'] = [];
  for (const [name, value] of Object.entries(args)) {
    if (value === undefined) continue;
    out.push(value === SWITCH ? { name } : { name, value: value instanceof Word ? value.text : psArgument(value) });
  }
  return { cmdlet, args: out, ...(server ? { server } : {}) };
}

export function fixOf(commands: FixCommand[], manual: string[] = [], restarts: Fix['restarts'] = []): Fix {
  return { commands, restarts, manual };
}
