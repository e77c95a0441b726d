/**
 * `npm run bench` loads the browser helpers and its own library outside vitest:
 * they must not import vitest (its `expect` throws there). It once did, and the
 * bench failed after minutes of building.
 */
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

describe('modules the bench loads', () => {
  it('load in plain Node, outside vitest', () => {
    const code = "await import('./tests/helpers/browser.ts'); await import('./scripts/bench-lib.ts'); console.log('loaded')"
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', timeout: 60_000 })
    expect(out.trim()).toBe('loaded')
  })
})
