import { CasguardError } from '../errors.js';
import type { ExportKind } from '../model/export-kind.js';
import type { CanonicalRecord } from '../model/records.js';
import { identityKey } from '../normalize/kinds/common.js';
import { IdentitySet } from './identity-set.js';

/**
 * Remembers every identity seen per kind across all inputs, so a record exported twice (the same server
 * in two files, a mailbox listed twice) is refused instead of counted twice.
 */
export class IdentityRegistry {
  private readonly seen = new Map<ExportKind, IdentitySet>();
  private readonly paths: string[] = [];

  /**
   * Adds a whole file's identities, digested elsewhere (identityDigest of identityKey, 4 words each, by
   * scan workers). Adds nothing and returns false when any of them is repeated or already seen: the
   * file is then read sequentially, and `add` words the error.
   */
  addDigests(kind: ExportKind, path: string, digests: Uint32Array): boolean {
    let ids = this.seen.get(kind);
    if (!ids) this.seen.set(kind, (ids = new IdentitySet()));
    const batch = new IdentitySet();
    for (let i = 0; i < digests.length; i += 4) {
      const d = digests.subarray(i, i + 4);
      if (ids.hasDigest(d) || batch.addDigest(d, 0) !== undefined) return false;
    }
    let fileIndex = this.paths.lastIndexOf(path);
    if (fileIndex < 0) fileIndex = this.paths.push(path) - 1;
    for (let i = 0; i < digests.length; i += 4) ids.addDigest(digests.subarray(i, i + 4), fileIndex);
    return true;
  }

  add(record: CanonicalRecord): void {
    let ids = this.seen.get(record.kind);
    if (!ids) this.seen.set(record.kind, (ids = new IdentitySet()));
    let fileIndex = this.paths.lastIndexOf(record.source.path);
    if (fileIndex < 0) fileIndex = this.paths.push(record.source.path) - 1;
    const first = ids.add(identityKey(record.identity), fileIndex);
    if (first !== undefined) {
      const firstPath = this.paths[first] as string;
      const where = firstPath === record.source.path ? 'earlier in the same file' : `in ${firstPath}`;
      throw new CasguardError('export/duplicate-identity', `duplicate ${record.kind} "${record.identity}": it also appears ${where}`, {
        location: { file: record.source.path, pointer: record.source.pointer },
        hint: 'give each server, mailbox or rule once: remove the repeated export, or export each server to its own file',
      });
    }
  }
}
