/**
 * The folders a build reads and writes, checked before anything is touched: a
 * build empties its output folder, so a mistyped `--out` must never name the
 * content, the repository or anything that holds them.
 */
import { stat } from 'node:fs/promises'
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import fg from 'fast-glob'
import { UserError } from '../records/errors.ts'
import { repositoryRoot } from '../records/repository.ts'

/** `path` as the user reads it: relative to the working directory when inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path)
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel
}

/** True when `ancestor` is `path` or holds it. */
function holds(ancestor: string, path: string): boolean {
  const rel = relative(ancestor, path)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

/** The content folder exists, is a folder, and holds at least one Markdown file. */
async function checkContent(contentDir: string): Promise<void> {
  const info = await stat(contentDir).catch(() => null)
  if (!info) throw new UserError(`the content folder ${shown(contentDir)} does not exist. Name the folder of your Markdown files with --content DIR.`)
  if (!info.isDirectory()) throw new UserError(`the content folder ${shown(contentDir)} is a file, not a folder. Name the folder of your Markdown files with --content DIR.`)
  // The first match is enough: stop the walk there.
  const stream = fg.stream('**/*.md', { cwd: contentDir, dot: true, onlyFiles: true, followSymbolicLinks: false })
  for await (const _found of stream) {
    ;(stream as unknown as { destroy(): void }).destroy()
    return
  }
  throw new UserError(`the content folder ${shown(contentDir)} holds no Markdown (.md) files, so there is nothing to build. Check --content DIR.`)
}

/** Why `outDir` must not be emptied and written, or null when it may. */
function outDirRefusal(outDir: string, contentDir: string): string | null {
  const cwd = process.cwd()
  const roots = [repositoryRoot(contentDir), repositoryRoot(cwd)].filter((root): root is string => root !== null)
  if (dirname(outDir) === outDir) return 'it is the root of the file system'
  if (outDir === contentDir) return 'it is the content folder'
  if (roots.includes(outDir)) return 'it is the root of the repository'
  if (holds(outDir, contentDir)) return `it holds the content folder ${shown(contentDir)}`
  if (holds(outDir, cwd)) return 'it holds the working directory'
  return null
}

/**
 * Refuse a build that cannot work or would destroy files, before anything is written or deleted.
 * @throws UserError with what is wrong and what to type instead
 */
export async function checkFolders(contentDir: string, outDir: string): Promise<void> {
  const [content, out] = [resolve(contentDir), resolve(outDir)]
  await checkContent(content)
  const outInfo = await stat(out).catch(() => null)
  if (outInfo && !outInfo.isDirectory()) throw new UserError(`--out ${shown(out)} is a file, not a folder. Nothing was deleted. Name a folder for the built site with --out DIR.`)
  const refusal = outDirRefusal(out, content)
  if (refusal) throw new UserError(`refusing to build into ${shown(out)}: ${refusal}, and a build empties its output folder. Nothing was deleted. Name a folder of its own with --out DIR (default: dist).`)
}
