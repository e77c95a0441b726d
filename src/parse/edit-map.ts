/**
 * A linear `EditMap.consume` for micromark.
 *
 * Why by hand: micromark applies the edits of a resolver with
 * `EditMap.consume(events)`, which copies the whole event list on every call,
 * even when every edit sits at its end. The setext-heading resolver and the
 * document tokenizer's lazy-line handling call it once per heading or lazy line,
 * so a body with many `text\n-` pairs (bullet dashes in text extracted from
 * PDFs) parsed in quadratic time (docs/performance.md).
 *
 * The edits never touch the events before the first edit, so this version runs
 * the original algorithm on the tail from that point only and splices the
 * result back: same events, same order (tests/parse/edit-map.test.ts compares
 * it with the original on random edit maps, and on the trees of the corpus).
 * src/parse/markdown.ts installs it on micromark's own `EditMap` class.
 */
import { EditMap } from 'micromark-util-edit-map'

type Consume = (this: EditMap, events: unknown[]) => void

/** micromark's own implementation, kept for the tail and for tests. */
export const originalConsume: Consume = EditMap.prototype.consume as Consume

interface EditMapState {
  /** `[index, remove, add]` edits, as micromark-util-edit-map keeps them. */
  map: Array<[number, number, unknown[]]>
}

/** Apply the edits to `events` in place, touching only the events from the first edit on. */
export const tailConsume: Consume = function (this: EditMap, events: unknown[]): void {
  const { map } = this as unknown as EditMapState
  map.sort((a, b) => a[0] - b[0])
  const start = map.length > 0 ? map[0]![0] : 0
  if (start <= 0) {
    originalConsume.call(this, events)
    return
  }
  const tail = events.slice(start)
  for (const edit of map) edit[0] -= start
  originalConsume.call(this, tail)
  events.length = start
  for (const event of tail) events.push(event)
}

/** Install the linear version on micromark's class (idempotent). */
export function installLinearEditMap(): void {
  EditMap.prototype.consume = tailConsume as typeof EditMap.prototype.consume
}
