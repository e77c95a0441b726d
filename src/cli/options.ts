/** Pieces shared by the commands: the project config, output with backpressure. */
import { loadProjectConfig, type Config } from '../records/config.ts'

/** How every command's help describes `--config`. */
export const CONFIG_HELP = `config file (default: plan-archive.config.json in the content folder or
                         above it up to the repository root, else in the working directory)`

/**
 * The project config: `--config FILE`, else the one found from `contentDir` (the first
 * folder or file argument) up to the repository root, else in the working directory,
 * else the defaults.
 * @throws ConfigError (a UserError: exit 2) naming the file, the bad value and what would do
 */
export function projectConfig(file: string | undefined, contentDir: string | undefined): Config {
  return loadProjectConfig({ file, contentDir, cwd: process.cwd() }).config
}

/** Write to a stream, waiting when its buffer is full, so large outputs stay in bounded memory. */
export async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await new Promise<void>((done) => stream.once('drain', () => done()))
}
