// Minimal types for the Eleventy packages we call (they ship JavaScript without declarations).
declare module '@11ty/eleventy' {
  export interface EleventyOptions {
    configPath?: string
    pathPrefix?: string
    quietMode?: boolean
    /** Render without writing (transforms still run). */
    dryRun?: boolean
    runMode?: 'build' | 'serve' | 'watch'
    config?: (eleventyConfig: any) => void | Promise<void>
  }
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions)
    init(): Promise<void>
    write(): Promise<unknown>
    watch(): Promise<void>
    serve(port?: number): Promise<void>
    setIncrementalBuild(enabled: boolean): void
    /** Silence Eleventy's console output, the forced closing line included. */
    disableLogger(): void
    /** Its timers, by group; each group logs its slow steps unless told not to. */
    bench: { getAll(): Record<string, { setIsVerbose(verbose: boolean): void }> }
  }
}

declare module '@11ty/eleventy-plugin-rss' {
  export function absoluteUrl(url: string, base: string): string
  export function dateToRfc3339(date: Date): string
  const rssPlugin: (eleventyConfig: any, options?: unknown) => void
  export default rssPlugin
}
