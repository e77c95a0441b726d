// Runs `plan-archive build` in a child process for the tests (Eleventy imports
// .eleventy.js, which imports our .ts modules: that needs the tsx loader, as in
// the real CLI, not vitest's module graph).
import { run } from '../../src/cli/commands/build.ts'

process.exitCode = await run(process.argv.slice(2))
