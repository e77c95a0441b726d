/**
 * Atom feeds: the whole archive's, and the shape the per-country and per-SDG
 * feeds share (their families emit them beside their pages).
 */
import { urls } from '../urls.ts'
import type { RecordLink, RecordOrder } from './records.ts'

export interface FeedEntry {
  title: string
  url: string
  /** RFC 3339 timestamp. */
  updated: string
  summary: string
}

export interface Feed {
  url: string
  title: string
  /** The HTML page the feed follows. */
  pageUrl: string
  updated: string
  entries: FeedEntry[]
}

const FEED_SIZE = 50

function rfc3339(key: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(key)) return `${key}T00:00:00Z`
  const d = new Date(key)
  return Number.isNaN(d.getTime()) ? `${key.slice(0, 10)}T00:00:00Z` : d.toISOString()
}

/**
 * A feed of the newest records of a list; undated records are left out (they are never "new").
 * @param url the feed's URL; `title` its title; `pageUrl` the page it follows
 * @param newest the list's records, newest first
 */
export function feedOf(url: string, title: string, pageUrl: string, newest: readonly RecordLink[]): Feed {
  const entries: FeedEntry[] = []
  for (const l of newest) {
    if (entries.length >= FEED_SIZE) break
    if (!l.dateKey) continue
    entries.push({
      title: l.title,
      url: l.url,
      updated: rfc3339(l.dateKey),
      summary: [l.kindLabel, l.place, l.year === null ? '' : String(l.year)].filter(Boolean).join(' · ')
    })
  }
  const updated = entries.reduce((max, e) => (e.updated > max ? e.updated : max), '1970-01-01T00:00:00Z')
  return { url, title, pageUrl, updated, entries }
}

/** The feed of the whole archive (`/feed.xml`), following the home page. */
export function siteFeed(order: RecordOrder): Feed {
  return feedOf(urls.feed, 'Learning plan archive: all records', urls.home, order.newestFirst.map((i) => order.links[i]!))
}
