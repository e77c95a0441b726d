// Generated from src/records/fields.ts (searchFiltersModule in src/search/facets.ts); do not edit.
export const FILTERS = [
  { name: 'kind', legend: 'Kind', order: 'count', shown: 12 },
  { name: 'country', legend: 'Country', order: 'count', shown: 8 },
  { name: 'region', legend: 'Region', order: 'count', shown: 8 },
  { name: 'sdg', legend: 'Sustainable Development Goal', order: 'number', shown: 17 },
  { name: 'year', legend: 'Year', order: 'number-desc', shown: 8 },
  { name: 'method', legend: 'Method', order: 'count', shown: 8, lazy: true },
  { name: 'datasource', legend: 'Data source', order: 'count', shown: 8, lazy: true },
  { name: 'theme', legend: 'Thematic area', order: 'count', shown: 8, lazy: true }
]
