// Runs `plan-archive build` in a child process for the tests, loaded exactly as
// bin/plan-archive.js loads the CLI (tsx's loader registered, so Eleventy can
// import .eleventy.js → our .ts modules; vitest's module graph cannot).
import { register } from 'tsx/esm/api'

register()
const { run } = await import('../../src/cli/commands/build.ts')
process.exitCode = await run(process.argv.slice(2))
