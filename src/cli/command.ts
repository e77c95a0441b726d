/** What every `src/cli/commands/<name>.ts` module exports. */
export interface Command {
  /** The command's name, as typed after `plan-archive`. */
  name: string
  /** One line for `plan-archive --help`. */
  summary: string
  /** Run with the arguments after the command name; resolves with the exit code. */
  run(argv: string[]): Promise<number>
}
