/**
 * The entry of a worker thread that runs a TypeScript module: a tiny ES
 * module, as a data: URL, that registers tsx and then imports the module. On
 * Node 20 `execArgv: ['--import', 'tsx']` does not reach a worker's module
 * loader (ERR_UNKNOWN_FILE_EXTENSION), while registering tsx from inside the
 * thread does. When the module (or one it imports) fails to load, the thread
 * answers every message `{ id }` with that error, marked `load`, so its caller
 * fails with it instead of waiting.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** The entry URL of a thread running `module` (a `.ts` file URL), for `new Worker(entry)`. */
export function threadEntry(module: URL): URL {
  const require = createRequire(import.meta.url)
  const manifest = require.resolve('tsx/package.json')
  const exports = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> })
    .exports
  const api = pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href
  const code = [
    `import { register } from ${JSON.stringify(api)}`,
    `import { parentPort } from 'node:worker_threads'`,
    'register()',
    `try { await import(${JSON.stringify(module.href)}) } catch (e) {`,
    `  const error = ${JSON.stringify(`cannot load ${module.href}: `)} + (e?.message ?? e)`,
    '  parentPort.on("message", ({ id }) => parentPort.postMessage({ id, error, load: true }))',
    '}'
  ].join('\n')
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`)
}
