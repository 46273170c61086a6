/**
 * Bidirectional override and isolate controls (U+202A–202E, U+2066–2069) make a browser show text in an
 * order other than the one it has ("Trojan Source"): an exported name could disguise itself or what
 * follows it. No report needs them; each becomes U+FFFD.
 */
export function withoutBidiControls(text: string): string {
  return text.replace(/[\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');
}
