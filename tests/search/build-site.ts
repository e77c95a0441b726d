/**
 * Child-process entry for the search tests: build a corpus with the real site
 * build (`buildSite`, what `plan-archive build` runs) while the CLI command is
 * not registered yet. Run with `node --import tsx/esm`; args: content dir, out dir.
 */
import { buildSite } from '../../src/build.ts'

const [contentDir, outDir] = process.argv.slice(2)
const summary = await buildSite({ contentDir, outDir, cacheDir: null } as Parameters<typeof buildSite>[0])
process.stdout.write(JSON.stringify(summary) + '\n')
