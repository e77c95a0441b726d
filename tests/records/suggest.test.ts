/** The project's one "did you mean", used by the CLI (commands, options) and the config (keys, rule ids, settings). */
import { describe, expect, it } from 'vitest'
import { RULE_IDS } from '../../src/records/rule-ids.ts'
import { didYouMean } from '../../src/records/suggest.ts'

const OPTIONS = ['content', 'out', 'config', 'fail-on', 'format', 'json', 'title', 'workers']
const SETTINGS = ['error', 'warning', 'info', 'off']
const KEYS = ['rules', 'aliases', 'frameworkFolders', 'formKinds', 'publishEmails']

describe('didYouMean', () => {
  const suggested: Array<[string, readonly string[], string, string]> = [
    ['titel', OPTIONS, 'title', 'a swap is two edits'],
    ['ot', OPTIONS, 'out', 'one edit in a short name'],
    ['eror', SETTINGS, 'error', 'a missing letter'],
    ['tag-malformd', RULE_IDS, 'tag-malformed', 'a missing letter in a long name'],
    ['sdg-unknwn', RULE_IDS, 'sdg-unknown', 'a missing letter in a long name'],
    ['publishEmail', KEYS, 'publishEmails', 'a missing letter'],
    ['PublishEmails', KEYS, 'publishEmails', 'case is ignored'],
    ['publish_emails', KEYS, 'publishEmails', 'separators are ignored'],
    ['fail_on', OPTIONS, 'fail-on', 'separators are ignored'],
    ['malformed-tag', RULE_IDS, 'tag-malformed', 'word order is ignored'],
    ['tagMalformed', RULE_IDS, 'tag-malformed', 'camelCase is words'],
    ['work', OPTIONS, 'workers', 'the one name it begins'],
    ['frame', KEYS, 'frameworkFolders', 'the one name it begins']
  ]
  it.each(suggested)('%s → %s among %j (%s)', (typed, candidates, meant) => {
    expect(didYouMean(typed, candidates)).toBe(meant)
  })

  const notSuggested: Array<[string, readonly string[], string]> = [
    ['x', OPTIONS, 'one letter is near nothing'],
    ['x', ['json'], 'four edits in a four-letter name'],
    ['banana', SETTINGS, 'too far from every setting'],
    ['colour', KEYS, 'too far from every key'],
    ['fo', ['format', 'formKinds'], 'it begins two names, and is near neither'],
    ['', OPTIONS, 'nothing typed'],
    ['anything', [], 'no candidates']
  ]
  it.each(notSuggested)('%j → nothing among %j (%s)', (typed, candidates) => {
    expect(didYouMean(typed, candidates)).toBeUndefined()
  })
})
