/**
 * Whether a build has anything to do. Its key covers everything a build reads:
 * the site key (templates, the code of the stages that make pages, the lockfile,
 * the options and the config), the search stage's code and options, and every
 * content file's path and bytes. The output folder's manifest keeps the key of
 * the last whole build that succeeded and what it reported; a build with the same
 * key, whose pages and search bundle are all still there, does nothing.
 * Hashing the corpus's files costs a fraction of a second; a rebuild with nothing
 * to do cost seconds of parse-cache reads, page keys and search checks before.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { hashFiles } from './parse/code-hash.ts'
import { listCorpus } from './parse/load.ts'
import type { Manifest } from './site/incremental.ts'

const repoRoot = fileURLToPath(new URL('../', import.meta.url))

/** Bump when what a build reads, or what the manifest keeps of it, changes. */
const FORMAT = 1

/**
 * The key of a whole build.
 * @param siteKey the site key (src/site/incremental.ts) of this build's options
 * @param search the search options (null: no search stage)
 */
export async function wholeBuildKey(contentDir: string, siteKey: string, search: Record<string, unknown> | null): Promise<string> {
  // Node itself: its ICU sorts and formats what the pages list.
  const hash = createHash('sha256').update(`build ${FORMAT}\n${process.version}\n${siteKey}\n${JSON.stringify(search)}\n`)
  hashFiles(hash, repoRoot, ['src/search/**/*.ts', 'src/build.ts', 'src/build-key.ts'])
  const files = await listCorpus(contentDir)
  // Read a few at a time: the corpus is thousands of small files.
  const contents = new Array<Buffer>(files.length)
  let next = 0
  const read = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++
      contents[i] = await readFile(files[i]!.absPath)
    }
  }
  await Promise.all(Array.from({ length: 16 }, read))
  files.forEach((file, i) => hash.update(`${file.path}\0${contents[i]!.length}\0`).update(contents[i]!))
  return hash.digest('hex')
}

/**
 * What the last build reported, when it had this key and left its folder whole: every page
 * of its manifest, and (with search) the search bundle's manifest and every shard's entry.
 */
export function upToDate(outDir: string, previous: Manifest | null, key: string, search: boolean): unknown | null {
  if (!previous?.build || previous.build.key !== key) return null
  for (const path of Object.keys(previous.pages)) if (!existsSync(join(outDir, path))) return null
  if (search) {
    try {
      const shards = (JSON.parse(readFileSync(join(outDir, 'pagefind', 'shards.json'), 'utf8')) as { shards: Array<{ path: string }> }).shards
      if (!shards.every((shard) => existsSync(join(outDir, 'pagefind', shard.path, 'pagefind-entry.json')))) return null
    } catch {
      return null
    }
  }
  return previous.build.summary
}
