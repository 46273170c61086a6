/**
 * One PowerShell command of a fix. The cmdlet and parameter names come from the rule pack or the engine,
 * never from an export; every value is already a PowerShell argument made by `psArgument` (the one place
 * where exported text is quoted).
 */
export interface FixCommand {
  cmdlet: string;
  args: { name: string; value?: string }[];
  /** The server the command is about: service cmdlets run there through Invoke-Command. */
  server?: string;
  /** A pipeline that feeds the command, built by the engine from quoted values (EXX-008's mailbox filter). */
  input?: string;
  /** Services the command stops or disables: the script never restarts them afterwards. */
  stops?: string[];
}

/** The fix of one failing finding: commands, services to restart after them, and steps left to a person. */
export interface Fix {
  commands: FixCommand[];
  /** Services to restart on a server once the commands ran (changes that only take effect after a restart). */
  restarts: { server: string; services: string[] }[];
  /** What an administrator must decide or do by hand: comments in the script, never commands. */
  manual: string[];
}
