import type { Diagnostic } from '../types.ts'

/** A diagnostic without a position: normalisers know the value, the parser knows where it stood. */
export type Problem = Omit<Diagnostic, 'line' | 'column'>
