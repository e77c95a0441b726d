import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    reporters: ['default', './tests/helpers/count-reporter.ts'],
    globalSetup: ['./tests/helpers/temp-root.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // Corpus and browser suites are heavy; two workers match the 2-core machines.
    maxWorkers: 2,
    minWorkers: 1
  }
})
