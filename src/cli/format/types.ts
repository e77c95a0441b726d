import type { Diagnostic } from '../../records/types.ts'

/** The diagnostics of one checked file, as every output format receives them. */
export interface FileReport {
  path: string
  diagnostics: Diagnostic[]
}
