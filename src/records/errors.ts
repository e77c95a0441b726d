/**
 * The one kind of error a user can fix by changing what they asked for: an
 * option, a folder, the config file. Every stage may throw it; the CLI prints
 * its message alone (no stack: it is not a bug) and exits 2. Anything else
 * that escapes a command is an internal error (exit 3).
 */
export class UserError extends Error {
  override name = 'UserError'
}

/** True for a UserError, also one thrown by another copy of this module (a worker, a bundled plugin). */
export function isUserError(error: unknown): error is Error {
  return error instanceof UserError || (error instanceof Error && (error.name === 'UserError' || error.name === 'ConfigError'))
}
