import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseFile } from '../../src/parse/index.ts'
import type { Config } from '../../src/records/config.ts'
import type { ArchiveRecord } from '../../src/records/types.ts'

export const fixtures = fileURLToPath(new URL('../fixtures/parse/', import.meta.url))
export const content = fileURLToPath(new URL('../../content/', import.meta.url))

/** Parse a fixture (`tests/fixtures/parse/<name>`) or a content path (`content/<path>`). */
export function parseFixture(name: string): ReturnType<typeof parseFile> {
  return parseFile({ path: name, bytes: readFileSync(fixtures + name) })
}
export function parseContent(path: string): ReturnType<typeof parseFile> {
  return parseFile({ path, bytes: readFileSync(content + path) })
}
export function parseText(path: string, text: string | Uint8Array, config?: Config): ReturnType<typeof parseFile> {
  return parseFile({ path, bytes: typeof text === 'string' ? new TextEncoder().encode(text) : text }, config)
}
export function diag(record: ArchiveRecord, rule: string) {
  return record.diagnostics.filter((d) => d.rule === rule)
}
