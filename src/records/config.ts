/**
 * Project configuration (`plan-archive.config.json` at the content's project
 * root): which rules are errors, aliases that make spellings converge, which
 * folders hold framework pages, which kinds are forms, and whether e-mails are published.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Severity } from './types.ts'

export type RuleSetting = Severity | 'off'

export interface Config {
  /** Override the default severity of a rule id, or turn it off. */
  rules: Record<string, RuleSetting>
  /** Maps of spelling → canonical display value, per term family. Keys are matched by grouping key. */
  aliases: {
    methods: Record<string, string>
    datasources: Record<string, string>
    thematicAreas: Record<string, string>
  }
  /** Folder names (any path segment) whose files are framework pages. */
  frameworkFolders: string[]
  /**
   * Record kinds whose bodies are filled-in forms: each `> ` quote is one of the
   * form's prompts, shown as a question and kept out of the search index (the
   * same prompt stands in every record of the form, so its words would match them all).
   */
  formKinds: string[]
  /** Publish focal-point e-mails in full on the site and in records.json. */
  publishEmails: boolean
}

export const CONFIG_FILE = 'plan-archive.config.json'

export const defaultConfig: Config = {
  rules: {},
  aliases: { methods: {}, datasources: {}, thematicAreas: {} },
  frameworkFolders: ['frameworks'],
  // The SDG Commons's three forms: action learning plans, solutions mapping, experiments.
  formKinds: ['learningplan', 'solution', 'experiment'],
  publishEmails: false
}

/** Merge partial options over the defaults (Quartz-style). */
export function resolveConfig(partial: Partial<Config> = {}): Config {
  return {
    ...defaultConfig,
    ...partial,
    rules: { ...defaultConfig.rules, ...partial.rules },
    aliases: {
      methods: { ...partial.aliases?.methods },
      datasources: { ...partial.aliases?.datasources },
      thematicAreas: { ...partial.aliases?.thematicAreas }
    }
  }
}

/**
 * Load `plan-archive.config.json` from `dir`, or the defaults when absent.
 * A malformed file throws: it is the maintainers' file, not contributed content.
 */
export function loadConfig(dir: string): Config {
  let text: string
  try {
    text = readFileSync(join(dir, CONFIG_FILE), 'utf8')
  } catch {
    return resolveConfig()
  }
  return resolveConfig(JSON.parse(text) as Partial<Config>)
}
