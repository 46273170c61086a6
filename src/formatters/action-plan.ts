// The action plan (`-f csv`, action-plan.csv): one row per open failing or erroring finding, with what
// to change and empty Owner / Due date / Justification columns to track the work, as ScubaGear's
// ActionPlan.csv does. Excel-safe (src/report/spreadsheet.ts) and streamed for large organisations.

import { SEVERITIES, type Finding, type ScanResult } from '../model/result.js';
import { compareText } from '../report/compare-text.js';
import { isOpenFinding } from '../report/report-posture.js';
import { spreadsheetCsv } from '../report/spreadsheet.js';

export const ACTION_PLAN_HEADER = ['Rule', 'Title', 'Severity', 'Result', 'Server', 'Resource', 'Property', 'Expected', 'Actual', 'Finding', 'Fix', 'Source', 'Owner', 'Due date', 'Justification'];

export function actionPlanRows(result: ScanResult): Finding[] {
  const rank = new Map(SEVERITIES.map((s, i) => [s, i]));
  return result.findings.filter(isOpenFinding).sort((a, b) => (rank.get(a.severity) ?? 9) - (rank.get(b.severity) ?? 9) || compareText(a.ruleId, b.ruleId) || compareText(a.identity, b.identity));
}

export function formatActionPlan(result: ScanResult): Iterable<string> {
  const titles = new Map(result.rules.map((r) => [r.id, r.title]));
  const rows = actionPlanRows(result).map((f) => [
    f.ruleId,
    titles.get(f.ruleId) ?? '',
    f.severity,
    f.verdict === 'error' ? 'cannot tell (evidence missing)' : 'fail',
    f.server ?? '',
    f.name && f.name !== f.identity ? `${f.name} (${f.identity})` : f.identity,
    f.field ?? '',
    f.expected ?? '',
    f.actual ?? '',
    f.message,
    f.remediation ?? '',
    f.source.path ? `${f.source.path}${f.source.pointer ? `#${f.source.pointer}` : ''}` : '',
    '',
    '',
    '',
  ]);
  return spreadsheetCsv(ACTION_PLAN_HEADER, rows);
}
