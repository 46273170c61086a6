// Command-line conventions (issue 11 "CLI conventions" and "Console"): help, did-you-mean, version,
// quiet, colour, format lists, config discovery, one-run CI output.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProgressLine } from '../../src/cli/progress.js';
import { ROOT, runCli } from '../support/run-cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'casguard-conventions-'));
});

describe('help and mistakes', () => {
  it('casguard help scan and casguard version work', () => {
    expect(runCli(['help', 'scan']).stdout).toMatch(/^Evaluate Exchange client-access exports/);
    expect(runCli(['version']).stdout).toMatch(/^casguard\/0\.1\.0 /);
  });

  it('the build writes oclif.manifest.json in step with the commands, so --version loads no command', async () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as { version: string; commands: Record<string, { flags: Record<string, unknown>; args: Record<string, unknown> }> };
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(manifest.version).toBe(pkg.version);
    const files = readdirSync(join(ROOT, 'dist', 'commands'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    expect(Object.keys(manifest.commands).sort()).toEqual(files.map((f) => f.replace(/\.js$/, '').split(/[\\/]/).join(':')).sort());
    for (const [id, cached] of Object.entries(manifest.commands)) {
      const mod = (await import(pathToFileURL(join(ROOT, 'dist', 'commands', `${id.split(':').join('/')}.js`)).href)) as { default: { flags?: object; baseFlags?: object; args?: object; enableJsonFlag?: boolean } };
      expect(Object.keys(cached.flags).sort(), id).toEqual(Object.keys({ ...mod.default.baseFlags, ...mod.default.flags, ...(mod.default.enableJsonFlag ? { json: true } : {}) }).sort());
      expect(Object.keys(cached.args), id).toEqual(Object.keys({ ...mod.default.args }));
    }
    // With the manifest, `casguard --version` imports no command module (and so no ajv, handlebars or
    // engine): in a copy of the package whose command modules throw when imported, it still answers.
    const copy = join(dir, 'manifest-package');
    mkdirSync(copy);
    for (const f of ['package.json', 'oclif.manifest.json']) cpSync(join(ROOT, f), join(copy, f));
    cpSync(join(ROOT, 'bin'), join(copy, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'dist'), join(copy, 'dist'), { recursive: true, filter: (src) => !src.includes('examples-report') });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'junction');
    for (const f of files) writeFileSync(join(copy, 'dist', 'commands', f), "throw new Error('command module imported');\n");
    const version = spawnSync(process.execPath, [join(copy, 'bin', 'run.js'), '--version'], { encoding: 'utf8' });
    expect(version.stderr).toBe('');
    expect(version.stdout).toMatch(/^casguard\/0\.1\.0 /);
  });

  it('a mistyped command or flag suggests the nearest one, exit 2, one line and a hint', () => {
    const command = runCli(['scna', 'examples/contoso']);
    expect(command.code).toBe(2);
    expect(command.stderr).toBe('error: "scna" is not a casguard command [usage/invalid-arguments]\n  hint: did you mean "casguard scan"?\n');
    expect(runCli(['rules', 'lsit']).stderr).toContain('did you mean "casguard rules list"?');
    // A flag value oclif refuses is one line naming the flag (oclif puts its reason on a second line).
    const value = runCli(['scan', 'examples/contoso', '--jobs', '0']);
    expect(value.code).toBe(2);
    expect(value.stderr).toBe('error: --jobs: Expected an integer greater than or equal to 1 but received: 0 [usage/invalid-arguments]\n  hint: see --help\n');
    const flag = runCli(['scan', 'examples/contoso', '--fial-on', 'high']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toBe('error: Nonexistent flag: --fial-on [usage/invalid-arguments]\n  hint: did you mean --fail-on?\n');
    const format = runCli(['scan', 'examples/contoso', '-f', 'sarfi']);
    expect(format.stderr).toMatch(/^error: unknown format "sarfi" \(formats: .*\) \[usage\/invalid-arguments\]\n {2}hint: did you mean -f sarif\?\n$/);
    expect(runCli(['rules', 'show', 'EXPOP-01']).stderr).toMatch(/hint: did you mean EXPOP-001/);
  });

  it('every command documents its own exit codes, and paragraphs are not broken mid-sentence', () => {
    for (const [command, words] of [
      [['inspect'], /0 {2}every file was read/],
      [['render'], /0 {2}the saved result was rendered/],
      [['rules', 'validate'], /0 {2}the pack is valid/],
      [['rules', 'list'], /0 {2}listed/],
      [['rules', 'show'], /0 {2}shown/],
      [['scan'], /1 {2}the gate failed/],
    ] as const) {
      const help = runCli([...command, '--help'], { env: { COLUMNS: '120' } }).stdout;
      expect(help).toMatch(words);
      expect(help).not.toMatch(/scan and drift only|casguard diff/);
    }
    const scan = runCli(['scan', '--help']).stdout;
    // Before: "(default: the" ended a line and "built-in exchange-baseline)" began the next.
    expect(scan).not.toMatch(/\(default: the\n/);
    expect(scan.replace(/\s+/g, ' ')).toContain('applies waivers and a baseline, and prints the findings grouped by rule.');
    expect(scan.replace(/\s+/g, ' ')).toMatch(/--fail-on=<option> lowest severity .*\(default: failOn in casguard\.yml, else high\)/);
  });
});

describe('output for people and pipelines', () => {
  it('-f takes repeated flags, comma lists and any case; -o with several formats and a file name is refused', () => {
    const out = join(dir, 'formats');
    const run = runCli(['scan', 'examples/contoso', '--fail-on', 'none', '-f', 'SARIF,junit', '-f', 'Csv', '-o', out]);
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n').filter((l) => l.startsWith('wrote')).map((l) => l.replace(out, 'OUT'))).toEqual(['wrote OUT/results.sarif', 'wrote OUT/results.junit.xml', 'wrote OUT/action-plan.csv']);
    const file = runCli(['scan', 'examples/contoso', '-f', 'html,json', '-o', join(dir, 'report.html')]);
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/-o names a file, but 2 formats need a folder/);
  });

  it('with -o the counts and the gate (and why) still reach the console; the Markdown summary goes to GITHUB_STEP_SUMMARY', () => {
    const summary = join(dir, 'step-summary.md');
    writeFileSync(summary, '# earlier step\n');
    const run = runCli(['scan', 'examples/contoso', '-c', 'examples/casguard.yml', '-f', 'html', '-o', join(dir, 'gh')], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^\d+ fail, 0 error, \d+ pass, .* — open: 1 critical, \d+ high/m);
    expect(run.stdout).toMatch(/^gate FAILED \(--fail-on high\): 1 critical, \d+ high open$/m);
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# earlier step\n## casguard')).toBe(true);
  });

  it('-q prints no warnings and no "wrote" lines; errors still show', () => {
    const quiet = runCli(['scan', 'examples/contoso', '-q', '--fail-on', 'none', '-f', 'json', '-o', join(dir, 'quiet')]);
    expect(quiet.stderr).toBe('');
    expect(runCli(['scan', 'no-such-dir', '-q']).stderr).toMatch(/^error: no-such-dir: no such file or directory/);
  });

  it('--color forces colour into a pipe, --no-color and NO_COLOR keep it out, FORCE_COLOR adds it', () => {
    const esc = new RegExp(String.fromCharCode(27) + '\\[');
    expect(runCli(['scan', 'examples/contoso', '--fail-on', 'none', '--color']).stdout).toMatch(esc);
    expect(runCli(['scan', 'examples/contoso', '--fail-on', 'none'], { env: { FORCE_COLOR: '1', NO_COLOR: '' } }).stdout).toMatch(esc);
    expect(runCli(['scan', 'examples/contoso', '--fail-on', 'none', '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(esc);
    expect(runCli(['scan', 'examples/contoso', '--fail-on', 'none']).stdout).not.toMatch(esc);
  });

  it('render --json prints the checked result', () => {
    const saved = join(dir, 'saved.json');
    runCli(['scan', 'examples/contoso', '--fail-on', 'none', '-f', 'json', '-o', saved]);
    const rendered = runCli(['render', saved, '--json']);
    expect(rendered.code).toBe(0);
    expect(JSON.parse(rendered.stdout)).toMatchObject({ schemaVersion: '1', tool: { name: 'casguard' } });
  });

  it('scan reports every unreadable file at once before exiting 2', () => {
    const exports = join(dir, 'broken');
    cpSync(join(ROOT, 'examples/contoso/se'), exports, { recursive: true });
    writeFileSync(join(exports, 'Broken.json'), '{"ProtocolName":');
    writeFileSync(join(exports, 'table.txt'), 'Name LoginType\r\n---- ---------\r\nEX01 SecureLogin\r\n');
    const run = runCli(['scan', exports]);
    expect(run.code).toBe(2);
    const errors = run.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(errors).toEqual([expect.stringMatching(/Broken\.json:1:\d+: invalid JSON/), expect.stringMatching(/table\.txt: not an export casguard reads: this is a text table/)]);
    const json = JSON.parse(runCli(['scan', exports, '--json']).stdout) as { error: { errors: unknown[] } };
    expect(json.error.errors).toHaveLength(2);
  });
});

describe('config discovery', () => {
  it('finds casguard.yml or casguard.yaml in the working directory or above it, up to the repository root, and says which', () => {
    const repo = join(dir, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(join(repo, 'audits', '2026-11'), { recursive: true });
    writeFileSync(join(repo, 'casguard.yaml'), 'failOn: critical\n');
    const run = runCli(['scan', join(ROOT, 'examples/contoso')], { cwd: join(repo, 'audits', '2026-11') });
    expect(run.stderr).toContain('config: ../../casguard.yaml');
    expect(run.stdout).toMatch(/gate FAILED \(--fail-on critical\)/);
    // Above the repository root nothing is searched.
    writeFileSync(join(dir, 'casguard.yml'), 'failOn: none\n');
    const inner = runCli(['scan', join(ROOT, 'examples/contoso')], { cwd: join(repo, 'audits') });
    expect(inner.stderr).toContain('config: ../casguard.yaml');
  });
});

describe('progress', () => {
  function fakeStream(isTTY: boolean) {
    const writes: string[] = [];
    return { stream: { isTTY, columns: 80, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream, writes };
  }

  it('off a terminal, a line every few seconds with the phase, the percentage of the file and the records', async () => {
    const { stream, writes } = fakeStream(false);
    const file = join(dir, 'progress.bin');
    writeFileSync(file, Buffer.alloc(1000));
    const progress = new ProgressLine(stream, 100);
    progress.update(file, 100, 5);
    expect(writes).toEqual([]);
    await new Promise((r) => setTimeout(r, 150));
    progress.update(file, 500, 50);
    expect(writes).toEqual([expect.stringMatching(/^reading .*progress\.bin: 50% \(0\.0 of 0\.0 MB\), 50 records \[0 s\]\n$/)]);
    await new Promise((r) => setTimeout(r, 150));
    progress.phase('writing reports');
    expect(writes[1]).toMatch(/^writing reports …/);
  });
});
