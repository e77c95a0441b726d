// Eleventy configuration: folders and formats only. The archive itself is a plugin
// (src/site/plugin.ts, TypeScript) that `plan-archive build` and `serve` add with their
// options through Eleventy's programmatic `config` option: run those, not the bare
// `eleventy` binary.
export default function (eleventyConfig) {
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
