import { diffArrays, diffWordsWithSpace } from 'diff';
import { renderSelfContained } from '../../report/render-html.js';
import type { DriftChange, DriftResult } from '../../model/drift.js';
import type { Finding } from '../../model/result.js';

/** The drift report's template and stylesheets (read by src/io/templates.ts). */
export interface DriftTemplates {
  layout: string;
  css: string;
}

/** How many changes each group lists; the rest are counted and left to drift.json. */
export const DRIFT_ROWS = 200;

type Part = { text: string; added?: boolean; removed?: boolean };

/**
 * Before and after as parts marked removed/added: lists item by item, long text word by word (the `diff`
 * package renders the difference; it does not decide what drifted).
 */
function parts(c: DriftChange): { beforeParts: Part[]; afterParts: Part[] } {
  if (c.change !== 'modified') return { beforeParts: [{ text: c.change === 'removed' ? 'present' : '—' }], afterParts: [{ text: c.change === 'added' ? 'present' : '—' }] };
  const before = c.before ?? '';
  const after = c.after ?? '';
  if (c.added || c.removed) {
    const d = diffArrays(before.split(', '), after.split(', '));
    return {
      beforeParts: d.filter((x) => !x.added).flatMap((x) => x.value.map((v) => ({ text: `${v} `, removed: Boolean(x.removed) }))),
      afterParts: d.filter((x) => !x.removed).flatMap((x) => x.value.map((v) => ({ text: `${v} `, added: Boolean(x.added) }))),
    };
  }
  if (before.length + after.length > 40) {
    const d = diffWordsWithSpace(before, after);
    return { beforeParts: d.filter((x) => !x.added).map((x) => ({ text: x.value, removed: Boolean(x.removed) })), afterParts: d.filter((x) => !x.removed).map((x) => ({ text: x.value, added: Boolean(x.added) })) };
  }
  return { beforeParts: [{ text: before, removed: true }], afterParts: [{ text: after, added: true }] };
}

const row = (c: DriftChange) => ({ kind: c.kind, identity: c.identity, baselineIdentity: c.baselineIdentity ?? '', label: c.change === 'modified' ? (c.field ?? '') : c.change, ...parts(c) });
const findingRow = (f: Finding) => ({ ruleId: f.ruleId, severity: f.severity, identity: f.name && f.name !== f.identity ? `${f.name} (${f.identity})` : f.identity, message: f.message });

export function buildDriftView(result: DriftResult) {
  const s = result.summary;
  const g = result.gate;
  const groups = (
    [
      ['regression', 'Regressions: a rule that held on the baseline fails now', result.changes.filter((c) => c.classification === 'regression')],
      ['improvement', 'Improvements: a failing rule holds now', result.changes.filter((c) => c.classification === 'improvement')],
      ['neutral', 'Other changes', result.changes.filter((c) => c.classification === 'neutral')],
      ['expected', 'Expected migration differences (the server’s own name, per-drive paths, versions)', result.changes.filter((c) => c.expected)],
    ] as const
  )
    .filter(([, , list]) => list.length > 0)
    .map(([css, title, list]) => ({ css, title, count: list.length, rows: list.slice(0, DRIFT_ROWS).map(row), more: list.length > DRIFT_ROWS ? list.length - DRIFT_ROWS : 0 }));
  const moved = s.added + s.removed + s.modified;
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return {
    title: result.map.length ? 'Migration comparison' : 'Configuration drift',
    subtitle: `${result.mode === 'results' ? 'saved results' : 'exports'} · baseline ${result.baseline.inputs.length} files · current ${result.current.inputs.length} files · generated ${result.generatedAt}`,
    gate: {
      cssClass: s.regressions > 0 || s.findings.new > 0 ? 'fail' : moved > 0 ? 'warn' : 'pass',
      label: s.regressions > 0 || s.findings.new > 0 ? `${n(s.regressions, 'regression', 'regressions')}, ${n(s.findings.new, 'new finding', 'new findings')}` : moved > 0 ? `${n(moved, 'change', 'changes')}, none a regression` : 'No drift',
      detail: g.failOnDrift === 'none' ? 'No drift gate was set.' : g.passed ? `The drift gate (--fail-on-drift ${g.failOnDrift}) passed.` : `The drift gate (--fail-on-drift ${g.failOnDrift}) failed: the pipeline stops here.`,
    },
    summary: s,
    byKind: [...s.byKind.map((k) => ({ name: k.kind, ...k })), ...s.byServer.map((k) => ({ name: `server ${k.server}`, ...k }))],
    notes: result.notes,
    mapLabel: result.map.map((m) => `${m.from} → ${m.to}`).join(', '),
    checklist: result.checklist.map((c) => ({ ...c, server: c.server ?? '' })),
    migration: result.migration.map((m) => ({ ...m, remediation: m.remediation ?? '' })),
    groups,
    findingGroups: [
      { title: 'New findings', count: result.findings.new.length, rows: result.findings.new.slice(0, DRIFT_ROWS).map(findingRow) },
      { title: 'Resolved findings', count: result.findings.resolved.length, rows: result.findings.resolved.slice(0, DRIFT_ROWS).map(findingRow) },
      { title: 'Unchanged open findings', count: result.findings.unchanged.length, rows: [] },
    ],
    ignored: result.ignored.join(', ') || 'none',
    notCompared: result.notCompared,
    uncomparable: result.uncomparable.slice(0, DRIFT_ROWS),
    uncomparableLabel: result.uncomparable.length ? `${result.uncomparable.length} properties could not be compared: cut off by the export's depth limit, unreadable, or exported on one side only (never counted as a change).` : 'Every property could be compared.',
    inputs: [...result.baseline.inputs.map((i) => ({ side: 'baseline', ...i })), ...result.current.inputs.map((i) => ({ side: 'current', ...i }))],
    toolVersion: result.tool.version,
    generatedAt: result.generatedAt,
  };
}

/** The self-contained drift report, with the compliance report's standards: hashed inline CSS, no script, no request, escaped data. */
export function formatDriftHtml(result: DriftResult, templates: DriftTemplates): string {
  return renderSelfContained(templates.layout, templates.css, buildDriftView(result));
}
