/**
 * Turn the `<files or folders…>` arguments of `parse` and `check` into the
 * loader's file list. A folder's files get record paths relative to that
 * folder (as `build` sees them when it is the content folder); a file named
 * alone gets its path relative to the working directory, so framework folders
 * in its path still decide its kind.
 */
import { statSync } from 'node:fs'
import { basename, isAbsolute, relative, resolve, sep } from 'node:path'
import { listCorpus, type CorpusFile } from '../parse/load.ts'

export interface InputFile extends CorpusFile {
  /** Path shown to the user: relative to the working directory, `/`-separated. */
  display: string
}

export interface Inputs {
  files: InputFile[]
  /** One message per argument that could not be read. */
  errors: string[]
}

/** `/`-separated path of `abs` relative to `cwd`, or absolute when outside it. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs)
  const shown = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? abs : rel
  return shown.split(sep).join('/')
}

/**
 * Expand files and folders into Markdown files, each listed once.
 * @param args paths as typed
 * @param cwd the directory they are relative to
 */
export async function resolveInputs(args: string[], cwd: string): Promise<Inputs> {
  const files: InputFile[] = []
  const errors: string[] = []
  const seen = new Set<string>()
  const add = (file: CorpusFile): void => {
    if (seen.has(file.absPath)) return
    seen.add(file.absPath)
    files.push({ ...file, display: displayPath(file.absPath, cwd) })
  }
  for (const arg of args) {
    const abs = resolve(cwd, arg)
    let stats
    try {
      stats = statSync(abs)
    } catch (error) {
      errors.push(`cannot read ${arg}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (error as Error).message}`)
      continue
    }
    if (stats.isDirectory()) {
      for (const file of await listCorpus(abs)) add(file)
    } else if (stats.isFile()) {
      const rel = displayPath(abs, cwd)
      add({ path: rel.startsWith('/') ? basename(abs) : rel, absPath: abs })
    } else {
      errors.push(`cannot read ${arg}: not a file or folder`)
    }
  }
  return { files, errors }
}
