/** Quote a raw value for a diagnostic message: trimmed, and cut to 80 characters so a pasted blob cannot flood the output. */
export function quote(raw: string): string {
  const value = raw.trim()
  return `"${value.length > 80 ? `${value.slice(0, 79)}…` : value}"`
}
