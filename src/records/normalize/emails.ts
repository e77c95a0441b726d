/** E-mail normalisation for focal points. */
import isEmailModule from 'validator/lib/isEmail.js'
import type { Problem } from './problem.ts'
import { quote } from './quote.ts'

// validator is CommonJS; its module also carries the function as `.default`, which is what the typings describe.
const isEmail = isEmailModule.default

/** Trim, strip `mailto:` and `Name <…>`, lower-case the domain and validate with validator's isEmail; invalid → null and an `email-invalid` warning. */
export function normalizeEmail(raw: string): { email: string | null; problem?: Problem } {
  let value = raw.trim()
  // `Name <addr>` and `<addr>`: keep what is inside the last angle brackets.
  const open = value.lastIndexOf('<')
  if (open >= 0 && value.endsWith('>')) value = value.slice(open + 1, -1).trim()
  if (/^mailto:/i.test(value)) value = value.slice(7).split('?')[0]!.trim()
  const at = value.lastIndexOf('@')
  if (at > 0) value = value.slice(0, at) + '@' + value.slice(at + 1).toLowerCase()
  if (value.length > 0 && value.length <= 320 && isEmail(value)) return { email: value }
  return {
    email: null,
    problem: {
      rule: 'email-invalid',
      severity: 'warning',
      message: `${quote(raw)} is not a valid e-mail address`,
      hint: 'Write one address per focal point tag, like [[focal_point:name@example.org]].'
    }
  }
}
