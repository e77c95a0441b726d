/**
 * The parse task run inside a worker thread (or inline when `workers: 0`):
 * one batch of files in, one `{ record, html }` per file out. Files are read
 * here rather than sent from the main thread, so no bytes are cloned; the mdast
 * never leaves this thread, and lifted assets are written straight to disk.
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { parentPort, workerData } from 'node:worker_threads'
import { defaultConfig, type Config } from '../records/config.ts'
import { emptyFields } from '../records/fields.ts'
import { decideKind } from '../records/kind.ts'
import { slugForPath } from '../records/ids.ts'
import type { ArchiveRecord } from '../records/types.ts'
import type { Asset, ParseFile, RenderBody } from './contract.ts'

export interface BatchFile {
  /** Record path, relative to its content root. */
  path: string
  /** Where to read the bytes. */
  absPath: string
}

export interface BatchTask {
  files: BatchFile[]
  config?: Config
  /** Folder receiving lifted assets by name (written only when absent). */
  assetDir: string
  /** URL of the module exporting `parseFile` (default: ./index.ts); tests swap in a fake. */
  parserModule?: string
  /** URL of the module exporting `renderBody` (the render stage); when absent, bodies are not rendered. */
  renderModule?: string
}

export interface BatchResult {
  path: string
  absPath: string
  record: ArchiveRecord
  html: string | null
}

interface Stages {
  parseFile: ParseFile
  renderBody: RenderBody | null
}

/** The parser a task gets unless it names another. */
const DEFAULT_PARSER = new URL('./index.ts', import.meta.url).href

/**
 * The entry modules a thread loads for a task: this worker, the parser and the
 * renderer. The parse cache keys its records on their import closure (see
 * `parserVersion` in cache.ts), so the key follows exactly the code that ran.
 */
export function taskModules(task: Pick<BatchTask, 'parserModule' | 'renderModule'>): string[] {
  return [import.meta.url, task.parserModule ?? DEFAULT_PARSER, ...(task.renderModule ? [task.renderModule] : [])]
}

/** A stage module that cannot be loaded: the whole run fails with it, no file is parsed. */
export class StageLoadError extends Error {
  override name = 'StageLoadError'
}

/** Import one stage module and take its function `name`, or fail with a StageLoadError saying which. */
async function stage<F>(url: string, name: string): Promise<F> {
  let module: Record<string, unknown>
  try {
    module = (await import(url)) as Record<string, unknown>
  } catch (error) {
    throw new StageLoadError(`cannot load ${url}: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
  }
  if (typeof module[name] !== 'function') throw new StageLoadError(`${url} exports no ${name} function`)
  return module[name] as F
}

const loaded = new Map<string, Promise<Stages>>()

/** Import the parser and the renderer once per thread. */
function stages(task: BatchTask): Promise<Stages> {
  const parserModule = task.parserModule ?? DEFAULT_PARSER
  const key = `${parserModule}\n${task.renderModule ?? ''}`
  let promise = loaded.get(key)
  if (!promise) {
    promise = (async () => ({
      parseFile: await stage<ParseFile>(parserModule, 'parseFile'),
      renderBody: task.renderModule ? await stage<RenderBody>(task.renderModule, 'renderBody') : null
    }))()
    loaded.set(key, promise)
  }
  return promise
}

/** Write a content-addressed asset unless a file of that name is already there. */
function writeAsset(assetDir: string, asset: Asset): void {
  try {
    // 'wx' fails when the file exists: same name means same bytes, nothing to do.
    writeFileSync(join(assetDir, asset.name), asset.data, { flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
}

/**
 * Parse one batch; an exception on one file becomes that file's `parse-crashed` record.
 * @throws StageLoadError when the parser or the renderer cannot be loaded
 */
export default async function parseBatch(task: BatchTask): Promise<BatchResult[]> {
  const { parseFile, renderBody } = await stages(task)
  const results: BatchResult[] = []
  for (const file of task.files) {
    let bytes: Uint8Array = new Uint8Array()
    try {
      bytes = readFileSync(file.absPath)
      const { record, tree, assets } = parseFile({ path: file.path, bytes }, task.config)
      for (const asset of assets) writeAsset(task.assetDir, asset)
      let html: string | null = null
      if (renderBody) {
        try {
          html = renderBody(tree, record, { publishEmails: task.config?.publishEmails ?? false, formKinds: task.config?.formKinds })
        } catch (error) {
          html = ''
          record.diagnostics.push({
            rule: 'render-crashed',
            severity: 'error',
            message: `The body could not be rendered: ${String((error as Error)?.message ?? error)}`,
            line: 1,
            column: 1
          })
        }
      }
      results.push({ path: file.path, absPath: file.absPath, record, html })
    } catch (error) {
      results.push({ path: file.path, absPath: file.absPath, record: crashedRecord(file.path, bytes, error, task.config), html: renderBody ? '' : null })
    }
  }
  return results
}

/**
 * The record of a file whose parse threw or killed its worker: every field
 * present and empty, the `[[type:…]]` read from the raw text and the kind decided
 * from it as for any file (decideKind), and one `parse-crashed` error so `check`
 * fails loudly instead of losing the file.
 */
export function crashedRecord(path: string, bytes: Uint8Array, error: unknown, config: Pick<Config, 'frameworkFolders'> = defaultConfig): ArchiveRecord {
  // Only the head is decoded: tag lines come first, and a crashed file may be huge.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('utf8')
  const type = /\[\[\s*type\s*:\s*([^\]\n]+?)\s*\]\]/i.exec(head)?.[1]
  const decided = decideKind(type ? [{ value: type, line: 1, column: 1 }] : [], {}, path, config)
  const name = basename(path).replace(/\.md$/i, '') || path
  const message = error instanceof Error ? error.message : String(error)
  return {
    // The same id a successful parse would give, so the crashed file keeps its page address.
    id: slugForPath(path),
    kind: decided.kind,
    type: decided.type,
    source: { path, sha256: createHash('sha256').update(bytes).digest('hex') },
    title: name,
    year: null,
    date: null,
    ...emptyFields(),
    tags: {},
    frontMatter: {},
    language: 'und',
    languages: [],
    body: '',
    sections: [],
    assets: [],
    diagnostics: [
      {
        rule: 'parse-crashed',
        severity: 'error',
        message: `The parser crashed on this file: ${message.split('\n')[0]}`,
        line: 1,
        column: 1,
        hint: 'This is a bug in plan-archive, not in the file: please report it with the file attached.'
      }
    ]
  } as ArchiveRecord
}

/** Marker in `workerData` that makes this module serve tasks (and not in vitest's own threads). */
export const WORKER_MARK = 'plan-archive-parse-worker'

export interface TaskMessage {
  id: number
  task: BatchTask
}

/** A batch's results, or why it failed (`load`: a stage module could not be loaded, so every batch will fail). */
export type ReplyMessage = { id: number; results: BatchResult[] } | { id: number; error: string; load?: true }

if (parentPort && (workerData as { mark?: string } | null)?.mark === WORKER_MARK) {
  const port = parentPort
  port.on('message', ({ id, task }: TaskMessage) => {
    parseBatch(task).then(
      (results) => port.postMessage({ id, results } satisfies ReplyMessage),
      (error: unknown) =>
        port.postMessage({
          id,
          ...(error instanceof StageLoadError ? { error: error.message, load: true } : { error: String((error as Error)?.stack ?? error) })
        } satisfies ReplyMessage)
    )
  })
}
