/**
 * `plan-archive serve [--content DIR] [--port N]`: Eleventy's dev server with
 * live reload. Content and template changes rebuild in place (the parse cache
 * re-parses only the changed file). Our TypeScript modules cannot be re-imported
 * into a running process, so a change under src/ restarts the server process;
 * the browser's reload client reconnects on its own.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { watch } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import Eleventy from '@11ty/eleventy'
import { invalidateManifest } from '../../site/incremental.ts'
import { resolveSiteOptions, setSiteOptions, splitBaseUrl } from '../../site/options.ts'

/** The command's name, as typed after `plan-archive`. */
export const name = 'serve'

/** One line for `plan-archive --help`. */
export const summary = 'Preview the site with live reload (Eleventy dev server)'

const USAGE = `Usage: plan-archive serve [options]

Options:
  --content DIR    corpus folder (default: content)
  --out DIR        output folder (default: dist)
  --port N         port of the dev server (default: 8080)
  --base-url URL   preview under a path prefix, e.g. /repo/
  -h, --help       this text

Rebuilds on changes to the content folder and templates/; restarts on changes to src/.`

const OPTIONS = {
  content: { type: 'string', default: 'content' },
  out: { type: 'string', default: 'dist' },
  port: { type: 'string', default: '8080' },
  'base-url': { type: 'string' },
  child: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h' }
} as const

/** Run Eleventy in serve mode in this process (the supervised child). */
async function serveHere(values: { content: string; out: string; port: string; 'base-url'?: string }): Promise<number> {
  const options = resolveSiteOptions({ contentDir: values.content, outDir: values.out, baseUrl: values['base-url'] ?? null })
  setSiteOptions(options)
  // The dev server rewrites pages without keeping the build manifest: the next build must not trust it.
  await invalidateManifest(options.outDir)
  const eleventy = new Eleventy(options.templatesDir, options.outDir, {
    configPath: resolve('.eleventy.js'),
    pathPrefix: splitBaseUrl(options.baseUrl).pathPrefix,
    runMode: 'serve'
  })
  await eleventy.init()
  await eleventy.watch()
  await eleventy.serve(Number(values.port))
  // Keep running until interrupted.
  return await new Promise<number>(() => {})
}

/**
 * Run `serve` with the arguments after the command name.
 * @returns the process exit code (only on a usage error or when the child fails to start)
 */
export async function run(argv: string[]): Promise<number> {
  let values
  try {
    ;({ values } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false, strict: true }))
  } catch (error) {
    process.stderr.write(`plan-archive serve: ${(error as Error).message}\n\n${USAGE}\n`)
    return 2
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  if (!/^\d+$/.test(values.port)) {
    process.stderr.write('plan-archive serve: --port must be a number\n')
    return 2
  }
  if (values.child) return serveHere(values)

  // Supervisor: run the server in a child process, restart it when src/ changes.
  const args = [resolve('bin/plan-archive.js'), 'serve', '--child', ...argv]
  let child: ChildProcess | null = null
  const start = (): void => {
    child = spawn(process.execPath, args, { stdio: 'inherit' })
  }
  let timer: NodeJS.Timeout | null = null
  watch(join(process.cwd(), 'src'), { recursive: true }, () => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      process.stderr.write('plan-archive serve: src/ changed, restarting the server\n')
      const old = child
      if (old && old.exitCode === null) {
        old.once('exit', start)
        old.kill()
      } else start()
    }, 300)
  })
  start()
  return await new Promise<number>((done) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        child?.kill()
        done(0)
      })
    }
  })
}
