/** A complete record built in code, for the privacy and export tests. */
import type { ArchiveRecord, Iso3, RecordId, SdgNumber } from '../../src/records/types.ts'
import { emptyFields } from '../../src/records/fields.ts'

/** A learning plan with every field set; `over` replaces fields. */
export function planRecord(over: Partial<Record<string, unknown>> = {}): ArchiveRecord {
  return {
    // Every field of the registry, empty; the ones below set.
    ...emptyFields(),
    id: 'learningplan-peru-2023' as RecordId,
    kind: 'learningplan',
    type: 'learningplan',
    source: { path: 'plans/learningplan-peru-2023.md', sha256: 'ab'.repeat(32) },
    title: 'Peru: Café, "quotes", commas, and\nnewlines',
    planTitle: null,
    year: 2023,
    date: '2023-05-01',
    countries: [
      { raw: 'Peru', name: 'Peru', iso3: 'PER' as Iso3, iso2: 'PE', region: 'Americas', subregion: 'South America' },
      { raw: 'Null Island', name: 'Null Island', iso3: null, iso2: null, region: null, subregion: null }
    ],
    locations: [{ lat: -12.05, lng: -77.04, line: 5, column: 1 }, { lat: 51.5, lng: -0.12, line: 6, column: 1 }],
    sdgs: [
      { number: 5 as SdgNumber, name: 'Gender equality', raw: '5. Gender equality' },
      { number: null, name: null, raw: 'Goal 99' }
    ],
    methods: [{ value: 'Ethnography', key: 'ethnography' }, { value: '=HYPERLINK("https://evil.example","x")', key: 'hyperlink' }],
    datasources: [{ value: '+cmd|calc', key: 'cmd-calc' }],
    thematicAreas: [{ value: 'تمكين المرأة', key: 'تمكين المرأة' }, { value: '@SUM(1,2)', key: 'sum' }],
    focalPoints: ['jane.doe@undp.org'],
    tags: {
      type: ['learningplan'],
      focal_point: ['jane.doe@undp.org', 'not an address'],
      note: ['write to john.smith@example.org or call'],
      methods: ['Ethnography']
    },
    frontMatter: { author: 'Jane <jane.doe@undp.org>', when: new Date(Date.UTC(2023, 4, 1)) },
    language: 'es',
    languages: ['es', 'en'],
    body: 'Contact jane.doe@undp.org',
    sections: [],
    assets: [],
    diagnostics: [{ rule: 'email-invalid', severity: 'warning', message: 'bad focal point x.y@undp.org,', line: 3, column: 1 }],
    stages: ['Sense', 'Explore'],
    challengeType: 'big bet',
    ...over
  } as unknown as ArchiveRecord
}
