import type { Fix, FixCommand } from '../model/fix.js';
import type { Finding, ScanResult } from '../model/result.js';
import { psComment, renderCommand, restartCommand } from '../powershell/render-fix.js';
import { quotePowerShell } from '../powershell/quote.js';
import { compareText } from '../report/compare-text.js';

/** A finding as the script needs it: the structured fix is only in memory (never read back from a file). */
export type FindingWithFix = Finding & { readonly fix?: Fix };

/** The changes of one finding in a server's block, with the comments of every finding they fix. */
interface Entry {
  comments: string[];
  commands: FixCommand[];
  manual: string[];
}

interface Block {
  entries: Entry[];
  /** Services to restart at the end of the block, in order of first mention. */
  restarts: Set<string>;
  /** Services the block stops or disables: never restarted. */
  stopped: Set<string>;
}

const ORGANISATION = '';
const INDENT = '    ';

/** Same cmdlet on the same target (first argument): one command can carry both changes. */
function mergeKey(c: FixCommand): string | undefined {
  const first = c.args[0];
  if (c.input || !/^Set-/.test(c.cmdlet) || !first?.value) return undefined;
  return `${c.cmdlet}\u0000${first.name}\u0000${first.value}\u0000${c.server ?? ''}`;
}

/** An argument as PowerShell reads it: a quoted plain word ('SecureLogin') is the bare word. */
function sameArgument(a: string | undefined, b: string | undefined): boolean {
  const plain = (v: string | undefined) => (v && /^'[\w.:-]+'$/.test(v) ? v.slice(1, -1) : v);
  return plain(a) === plain(b);
}

/** Adds `c`'s arguments to `into` unless one of them would change a value `into` already sets. */
function merge(into: FixCommand, c: FixCommand): boolean {
  const have = new Map(into.args.map((a) => [a.name.toLowerCase(), a.value]));
  for (const a of c.args) if (have.has(a.name.toLowerCase()) && !sameArgument(have.get(a.name.toLowerCase()), a.value)) return false;
  for (const a of c.args) if (!have.has(a.name.toLowerCase())) into.args.push({ ...a });
  return true;
}

function blockName(server: string): string {
  return server === ORGANISATION ? 'organisation and mailboxes' : `server ${server}`;
}

/**
 * A PowerShell script with the fix of every open failing finding, grouped by server (organisation-wide
 * and mailbox changes first). Each server's block runs in its own try/catch so one unreachable server is
 * reported and the script goes on; changes to one object are merged into one command (one Set-CASMailbox
 * per mailbox); services are restarted once per block, only if running, and never after the block stops
 * them; every change carries -WhatIf unless `applyReady`. Findings that could not be evaluated get no
 * fix, only a note on how to export the evidence. Written with a UTF-8 BOM: Windows PowerShell 5.1
 * reads a BOM-less script in the ANSI code page, where a UTF-8 "ł" contains a quote character.
 */
export function formatRemediation(result: ScanResult & { findings: readonly FindingWithFix[] }, applyReady = false): string {
  return [...remediationChunks(result, applyReady)].join('');
}

/** The script in pieces (lines joined with CRLF): a million mailbox fixes are written without one string of them. */
export function* remediationChunks(result: ScanResult & { findings: readonly FindingWithFix[] }, applyReady = false): Generator<string> {
  const blocks = new Map<string, Block>();
  const block = (key: string) => {
    let b = blocks.get(key);
    if (!b) blocks.set(key, (b = { entries: [], restarts: new Set(), stopped: new Set() }));
    return b;
  };
  const merged = new Map<string, { entry: Entry; command: FixCommand }>();
  const waived: string[] = [];
  const unevaluated: string[] = [];
  for (const f of result.findings) {
    const about = `${f.ruleId} ${f.severity}: ${f.message}`;
    if (f.verdict === 'error' && !f.accepted) unevaluated.push(about);
    if (f.verdict !== 'fail' || !f.fix) continue;
    if (f.waiver) {
      waived.push(`${about} — waived until ${f.waiver.expires} (${f.waiver.reason}; owner ${f.waiver.owner})`);
      continue;
    }
    const home = f.server && f.server !== '(local)' ? f.server : ORGANISATION;
    const comment = psComment(about);
    const own = new Map<string, Entry>();
    // A finding's manual steps follow the command that carries its change, even one merged into another finding's command.
    let carrier: Entry | undefined;
    const entryIn = (server: string) => {
      let e = own.get(server);
      if (!e) {
        own.set(server, (e = { comments: [comment], commands: [], manual: [] }));
        block(server).entries.push(e);
      }
      return e;
    };
    for (const c of f.fix.commands) {
      const server = c.server && c.server !== '(local)' ? c.server : home;
      const b = block(server);
      for (const s of c.stops ?? []) b.stopped.add(s);
      const key = mergeKey(c);
      const existing = key ? merged.get(key) : undefined;
      if (existing && merge(existing.command, c)) {
        if (!existing.entry.comments.includes(comment)) existing.entry.comments.push(comment);
        if (server === home) carrier = existing.entry;
        continue;
      }
      const entry = entryIn(server);
      const copy = { ...c, args: c.args.map((a) => ({ ...a })) };
      entry.commands.push(copy);
      if (server === home) carrier = entry;
      if (key) merged.set(key, { entry, command: copy });
    }
    for (const r of f.fix.restarts) for (const s of r.services) block(r.server).restarts.add(s);
    if (f.fix.manual.length) (carrier ?? entryIn(home)).manual.push(...f.fix.manual);
  }

  let text = '\uFEFF';
  const out = {
    push(...lines: string[]): void {
      for (const line of lines) text += `${line}\r\n`;
    },
  };
  out.push(
    psComment(`casguard remediation script — generated ${result.generatedAt} by casguard ${result.tool.version} (${result.packs.map((p) => `${p.id} ${p.version}`).join(', ')})`),
    psComment('Run in the Exchange Management Shell. Review every line before running it.'),
    psComment(applyReady ? 'Ready to apply: the changes run for real (generated with --apply-ready).' : 'Every change carries -WhatIf: it only reports what it would do. Generate with --apply-ready to apply.'),
    psComment('Each server is handled in its own block: an error there is reported and the script goes on with the next one.'),
    '#Requires -Version 5.1',
    "$ErrorActionPreference = 'Stop'",
    '$casguardFailed = @()',
    '',
  );
  if (blocks.size === 0) out.push(psComment('Nothing to fix: no open failing finding has a remediation.'), '');
  const order = [...blocks.keys()].sort((a, b) => (a === ORGANISATION ? -1 : b === ORGANISATION ? 1 : compareText(a, b)));
  for (const key of order) {
    const b = blocks.get(key) as Block;
    const name = blockName(key);
    out.push(psComment('='.repeat(70)), psComment(name[0]?.toUpperCase() + name.slice(1)), psComment('='.repeat(70)), 'try {');
    for (const e of b.entries) {
      out.push(...e.comments.map((c) => INDENT + c));
      out.push(...e.commands.map((c) => INDENT + renderCommand(c, !applyReady)));
      out.push(...e.manual.map((m) => INDENT + psComment(`manual step: ${m}`)));
      out.push('');
      if (text.length > 1 << 20) {
        yield text;
        text = '';
      }
    }
    const restart = [...b.restarts].filter((s) => !b.stopped.has(s));
    if (key !== ORGANISATION && restart.length) {
      out.push(INDENT + psComment(`Restart the services the changes above need on ${key} (only those running: a stopped or disabled service stays so):`));
      out.push(INDENT + restartCommand(key, restart, !applyReady));
    }
    out.push('} catch {', `${INDENT}$casguardFailed += ${quotePowerShell(name)}`, `${INDENT}Write-Warning ("casguard: " + ${quotePowerShell(`${name} failed: `)} + $_.Exception.Message)`, '}', '');
  }
  if (waived.length) out.push(psComment('Left out: waived findings'), ...waived.map(psComment), '');
  if (unevaluated.length) {
    out.push(psComment('Not fixed: findings that could not be evaluated (no evidence, nothing to change).'), psComment('Export the missing or cut-off values again (ConvertTo-Json -Depth 5) and scan again:'), ...unevaluated.map(psComment), '');
  }
  out.push("if ($casguardFailed.Count -gt 0) { Write-Warning ('casguard: not completed for: ' + ($casguardFailed -join ', ')); exit 1 }");
  yield text;
}
