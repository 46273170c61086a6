import { createHash, hash } from 'node:crypto';

/**
 * A one-shot digest of a short text. crypto.hash (Node 20.12+) skips the Hash object that createHash
 * builds per call, which shows in profiles when every record is hashed; older Node 20 falls back.
 */
export function hashText(algorithm: 'sha1' | 'sha256', text: string, encoding: 'hex' | 'base64'): string {
  return typeof hash === 'function' ? hash(algorithm, text, encoding) : createHash(algorithm).update(text).digest(encoding);
}

/** The same, as bytes. */
export function hashBytes(algorithm: 'sha256', text: string): Buffer {
  return typeof hash === 'function' ? hash(algorithm, text, 'buffer') : createHash(algorithm).update(text).digest();
}
