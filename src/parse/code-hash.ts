/**
 * Hashes of our own code, for cache keys: the import closure of a thread's
 * entry modules (what it actually loads), and files matched by globs.
 *
 * The closure is found with regular expressions over the source, not a
 * TypeScript or ES module parser: enough for our own files, which write one
 * import per statement at the start of a line, and dynamic imports with a
 * literal specifier. A false hit (an import quoted in a comment) only adds a
 * file to the key; what the expressions cannot see is an import whose
 * specifier is computed at run time, so such a module must be an entry itself
 * (the parse worker's parser and renderer are: see `taskModules` in worker.ts).
 */
import type { Hash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { extname, isAbsolute, join, relative, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import fg from 'fast-glob'

/** Read a file's bytes (throws when it is absent); injectable so tests can edit files without writing them. */
export type ReadFile = (path: string) => Buffer | string

/**
 * `import … from './x.ts'`, `export … from './x.ts'` and `import './x.ts'` at the start of a
 * line, with `type` captured: `import type` and `export type` are erased, never loaded.
 * The clause between keyword and specifier is limited to what an import list holds
 * (names, braces, commas, `*`), so a match cannot run on into code.
 */
const STATIC_IMPORT = /^[ \t]*(?:import|export)(\s+type\b)?[\w\s{},*$]*?(?:\bfrom\s*)?['"](\.\.?\/[^'"\n]+)['"]/gm

/** `import('./x.ts')` with a literal relative specifier. */
const DYNAMIC_IMPORT = /\bimport\s*\(\s*['"](\.\.?\/[^'"\n]+)['"]\s*\)/g

/** Files whose own imports are followed (others, a `.json` say, are hashed as they are). */
const SCRIPT = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'])

/** An entry as a path: a `file:` URL or an absolute path; anything else (a package name) is not ours to follow. */
function entryPath(entry: string): string | null {
  if (entry.startsWith('file:')) return fileURLToPath(entry)
  return isAbsolute(entry) ? entry : null
}

/** The relative specifiers `source` loads at run time (type-only imports left out). */
function relativeImports(source: string): string[] {
  const found: string[] = []
  for (const match of source.matchAll(STATIC_IMPORT)) if (!match[1]) found.push(match[2]!)
  for (const match of source.matchAll(DYNAMIC_IMPORT)) found.push(match[1]!)
  return found
}

/** Every file of the closure with its bytes, read once. */
function closureFiles(entries: readonly string[], read: ReadFile): Map<string, Buffer | string> {
  const files = new Map<string, Buffer | string>()
  const todo = entries.map(entryPath).filter((path): path is string => path !== null)
  while (todo.length > 0) {
    const path = todo.pop()!
    if (files.has(path)) continue
    let bytes: Buffer | string
    try {
      bytes = read(path)
    } catch {
      continue
    }
    files.set(path, bytes)
    if (!SCRIPT.has(extname(path))) continue
    const base = pathToFileURL(path)
    for (const specifier of relativeImports(bytes.toString())) todo.push(fileURLToPath(new URL(specifier, base)))
  }
  return files
}

/**
 * The files a thread loads from these entry modules: the entries and every file
 * reached through relative imports, recursively. Bare imports (packages) are
 * not followed: the lockfile stands for them. An import of a missing file is
 * skipped (loading it fails the run anyway).
 * @param entries `file:` URLs or absolute paths; other specifiers are ignored
 * @param read reads a file (default: from disk)
 * @returns absolute paths, sorted
 */
export function importClosure(entries: readonly string[], read: ReadFile = readFileSync): string[] {
  return [...closureFiles(entries, read).keys()].sort()
}

/**
 * Feed the import closure of `entries` into `hash`: each file's name (relative
 * to `root`, so the key does not depend on where the checkout lies) and bytes.
 * Entries that are not files (a package name) are hashed by name.
 * @param hash the hash to update
 * @param entries `file:` URLs or absolute paths of the entry modules
 * @param root the folder names are relative to (the package root)
 * @param read reads a file (default: from disk)
 */
export function hashModules(hash: Hash, entries: readonly string[], root: string, read: ReadFile = readFileSync): void {
  for (const entry of entries) if (entryPath(entry) === null) hash.update(`module ${entry}\n`)
  const files = closureFiles(entries, read)
  for (const path of [...files.keys()].sort()) {
    hash.update(`${relative(root, path).split(sep).join('/')}\n`).update(files.get(path)!).update('\n')
  }
}

/** Feed every file matching `patterns` under `cwd` into `hash`, name and bytes, in a stable order. */
export function hashFiles(hash: Hash, cwd: string, patterns: string[]): void {
  for (const file of fg.sync(patterns, { cwd, dot: true }).sort()) hash.update(`${file}\n`).update(readFileSync(join(cwd, file))).update('\n')
}
