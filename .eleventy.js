// Eleventy configuration: wiring only. Everything lives in src/site/ (TypeScript,
// loaded through the tsx loader of our CLI process: run `plan-archive build`
// or `npm run serve`, not the bare `eleventy` binary).
import archivePlugin from './src/site/plugin.ts'

export default function (eleventyConfig) {
  eleventyConfig.addPlugin(archivePlugin)
  // Eleventy's dependency scan cannot follow our `.ts` imports (it fails in --serve);
  // `plan-archive serve` restarts the server itself when src/ changes.
  eleventyConfig.setWatchJavaScriptDependencies(false)
  return {
    // Input and output folders come from the build/serve command (programmatic API).
    dir: { includes: '_includes', data: '_data' },
    // Only Nunjucks templates: content/*.md reaches Eleventy as data, never as templates.
    templateFormats: ['njk'],
    htmlTemplateEngine: 'njk'
  }
}
