import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import { withoutBidiControls } from './bidi.js';

/**
 * Renders a report template into one self-contained page: an isolated strict Handlebars instance (only
 * escaped data), the stylesheet inline and allowed by its hash in a Content-Security-Policy that forbids
 * everything else (no script, no request), and no bidirectional controls in the output.
 */
export function renderSelfContained(layout: string, css: string, view: Record<string, unknown>): string {
  const hb = Handlebars.create();
  hb.registerPartial('styles', css);
  const render = hb.compile(layout, { strict: true, noEscape: false });
  const styleHash = createHash('sha256').update(css).digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; img-src 'none'; font-src 'none'; connect-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'`;
  return withoutBidiControls(render({ ...view, csp }));
}
