/**
 * plan-archive's public API: the stages a program can call without the CLI.
 * Kept to re-exports (as the unified packages keep `index.js`); the pinned list
 * of exports is tested so an accidental export fails a test.
 */
export type {
  ArchiveRecord,
  AssetRef,
  ChallengeType,
  Country,
  CountryRef,
  Diagnostic,
  FrameworkPage,
  GenericRecord,
  Iso3,
  LearningPlan,
  LatLng,
  LearningStage,
  Location,
  Prompt,
  RecordId,
  RecordKind,
  RecordType,
  SdgNumber,
  Section,
  Sdg,
  Severity,
  SourceInfo,
  Term
} from './records/types.ts'
export { countryLabel, filedCountry, isFrameworkPage, isLearningPlan } from './records/types.ts'
export type { Config, RuleSetting } from './records/config.ts'
export { CONFIG_FILE, ConfigError, defaultConfig, findConfigFile, loadConfig, loadProjectConfig, resolveConfig } from './records/config.ts'
export { UserError } from './records/errors.ts'
export type { Asset, LoadOptions, LoadResult, LoadedRecord, ParseInput, ParseResult } from './parse/contract.ts'
export { parseFile } from './parse/index.ts'
export { listCorpus, loadCorpus } from './parse/load.ts'
export { assignUniqueIds, slugForPath } from './records/ids.ts'
export type { SdgGoal } from './records/normalize/index.ts'
export {
  SDG_GOALS,
  normalizeCountry,
  normalizeEmail,
  normalizeSdg,
  normalizeTerms,
  parseDate,
  parseLatLng,
  parseYear,
  termKey
} from './records/normalize/index.ts'
export { renderBody } from './render/body.ts'
export type { BuildSiteOptions, BuildSummary } from './build.ts'
export { buildSite } from './build.ts'
export type { SearchIndexOptions, SearchIndexResult } from './search/index.ts'
export { buildSearchIndex } from './search/index.ts'
export { main } from './cli/main.ts'
