/**
 * Learning stages and challenge types: the small closed families of learning
 * plans, with the tag families' page shape (terms.ts).
 */
import type { ArchiveRecord } from '../../records/types.ts'
import { tagFamily, type FacetOverview } from './terms.ts'
import type { ListPage } from './list-page.ts'
import type { RecordOrder } from './records.ts'

const STAGES = { segment: 'stages', title: 'Learning stages', singular: 'Learning stage', intro: 'Learning plans by the stage of their learning cycle.' }
const CHALLENGE_TYPES = { segment: 'challenge-types', title: 'Challenge types', singular: 'Challenge type', intro: 'Learning plans by challenge type: the big bet or an exploratory challenge.' }

const asValues = (list: string[]) => list.map((v) => ({ key: v, label: v }))

/**
 * The stage and challenge-type pages, in that order, and their overviews.
 * @returns pages, overviews, and the URL of a stage's or a challenge type's page (its overview when no record has it)
 */
export function emitStages(records: readonly ArchiveRecord[], order: RecordOrder): {
  pages: ListPage[]
  facets: FacetOverview[]
  stage: (value: string) => string
  challengeType: (value: string) => string
} {
  const stages = tagFamily(records, order, STAGES, (r) => asValues(r.kind === 'learningplan' ? r.stages : []))
  const challenges = tagFamily(records, order, CHALLENGE_TYPES, (r) =>
    asValues(r.kind === 'learningplan' && r.challengeType ? [r.challengeType] : [])
  )
  return {
    pages: [...stages.pages, ...challenges.pages],
    facets: [stages.overview, challenges.overview],
    stage: (v) => stages.urlOf.get(v) ?? stages.overview.url,
    challengeType: (v) => challenges.urlOf.get(v) ?? challenges.overview.url
  }
}
