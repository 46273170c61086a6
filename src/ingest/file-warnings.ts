import type { ValueIssues } from '../normalize/normalize-record.js';
import type { ValueProblemReason } from '../normalize/values.js';

interface Issue {
  count: number;
  detail: string;
  pointer: string;
}

/** Collects per-property problems across a file's records and words them as one warning each. */
export class FileWarnings implements ValueIssues {
  private readonly issues = new Map<string, Issue>();
  private readonly other: string[] = [];

  note(property: string, reason: ValueProblemReason | 'collapsed', detail: string, pointer: string): void {
    const key = `${reason}\u0000${property}`;
    const issue = this.issues.get(key);
    if (issue) issue.count++;
    else this.issues.set(key, { count: 1, detail, pointer });
  }

  /** A warning about the file as a whole. */
  add(message: string): void {
    this.other.push(message);
  }

  list(): string[] {
    const out = [...this.other];
    for (const [key, issue] of this.issues) {
      const [reason, property] = key.split('\u0000') as [string, string];
      const records = `${issue.count} record${issue.count === 1 ? '' : 's'}`;
      const at = issue.pointer || '/';
      if (reason === 'truncated') {
        out.push(`${property}: cut off by ConvertTo-Json's depth limit in ${records} (first at ${at}); rules that need it report error — re-export with ConvertTo-Json -Depth 5`);
      } else if (reason === 'cut') {
        out.push(`${property}: ${issue.detail} in ${records} (first at ${at}); rules that need it report error — export JSON or CliXml to read it whole`);
      } else if (reason === 'collapsed') {
        out.push(`${property}: list written as one space-joined string (depth limit) in ${records} (first at ${at}); split on spaces — re-export with ConvertTo-Json -Depth 5`);
      } else {
        out.push(`${property}: unreadable value in ${records} (first at ${at}: ${issue.detail})`);
      }
    }
    return out;
  }
}
