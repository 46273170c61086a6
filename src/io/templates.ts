import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportTemplates } from '../formatters/html.js';
import type { DriftTemplates } from '../formatters/drift/html.js';
import { PACKAGE_ROOT } from './package-root.js';

let cached: ReportTemplates | undefined;

/** The report templates from the package's templates/ folder (never the working directory). */
export function loadReportTemplates(): ReportTemplates {
  cached ??= {
    layout: readFileSync(join(PACKAGE_ROOT, 'templates', 'report.hbs'), 'utf8'),
    css: readFileSync(join(PACKAGE_ROOT, 'templates', 'report.css'), 'utf8'),
  };
  return cached;
}

let cachedDrift: DriftTemplates | undefined;

/** The drift report's template: its own layout, the compliance report's stylesheet plus the diff styles. */
export function loadDriftTemplates(): DriftTemplates {
  cachedDrift ??= {
    layout: readFileSync(join(PACKAGE_ROOT, 'templates', 'drift.hbs'), 'utf8'),
    css: `${loadReportTemplates().css}\n${readFileSync(join(PACKAGE_ROOT, 'templates', 'drift.css'), 'utf8')}`,
  };
  return cachedDrift;
}

/** The log report's template, with the compliance report's stylesheet. */
export function loadLogsTemplates(): ReportTemplates {
  return { layout: readFileSync(join(PACKAGE_ROOT, 'templates', 'logs.hbs'), 'utf8'), css: loadReportTemplates().css };
}
