// Permalink as a function: a "{{ entry.url }}" string would be compiled by Nunjucks once per page.
export default { eleventyComputed: { permalink: (data) => data.entry.url } }
