import { withoutBidiControls } from './bidi.js';

/**
 * Exported text made safe for a terminal: line breaks and tabs become spaces (a message stays one line),
 * and every other control character — ESC of colour, OSC 8 link and "conceal" sequences, C1 controls,
 * bidirectional overrides — becomes U+FFFD, so an export cannot restyle, hide or rewrite what is shown.
 */
export function terminalText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  return withoutBidiControls(text.replace(/[\r\n\t\u2028\u2029\u0085]+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD'));
}
