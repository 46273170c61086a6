import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportTemplates } from '../formatters/html.js';
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
