/** Pieces shared by the commands: the config option, output with backpressure. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { loadConfig, resolveConfig, type Config } from '../records/config.ts'

/**
 * The config of `--config FILE`, else `plan-archive.config.json` in `cwd`, else the defaults.
 * @returns the config, or an error message (a malformed config is a usage error)
 */
export function configFrom(file: string | undefined, cwd: string): Config | string {
  try {
    if (file === undefined) return loadConfig(cwd)
    return resolveConfig(JSON.parse(readFileSync(resolve(cwd, file), 'utf8')) as Partial<Config>)
  } catch (error) {
    return `cannot use config ${file ?? 'plan-archive.config.json'}: ${(error as Error).message}`
  }
}

/** Write to a stream, waiting when its buffer is full, so large outputs stay in bounded memory. */
export async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await new Promise<void>((done) => stream.once('drain', () => done()))
}
