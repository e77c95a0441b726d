// Permalink as a function: a "{{ feed.url }}" string would be compiled by Nunjucks once per page.
export default { eleventyComputed: { permalink: (data) => data.feed.url } }
