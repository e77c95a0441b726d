/**
 * Config `rules`: change a diagnostic's severity or turn its rule off.
 */
import type { Config } from './config.ts'
import type { Diagnostic } from './types.ts'

/** Apply the config's rule settings, drop turned-off rules, and sort by position. */
export function applyRules(diagnostics: Diagnostic[], rules: Config['rules']): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const d of diagnostics) {
    // Own keys only: a rule id such as `constructor` must not find Object.prototype's.
    const setting = Object.hasOwn(rules, d.rule) ? rules[d.rule] : undefined
    if (setting === 'off') continue
    out.push(setting ? { ...d, severity: setting } : d)
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column)
}
