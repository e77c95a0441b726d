// `/` moves the focus to search, as on GitHub, MDN and most documentation sites: the
// search page's own query box, else the header's. Not while the reader is typing in a
// field, nor with a modifier held (that is another shortcut of the browser's).
const typing = (el) => el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))

document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || typing(event.target)) return
  const box = ['search-q', 'site-search-q'].map((id) => document.getElementById(id)).find((el) => el instanceof HTMLInputElement && !el.closest('[hidden]'))
  if (!box) return
  event.preventDefault()
  box.focus()
  box.select()
})
