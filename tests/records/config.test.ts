/**
 * The project config: validated against its JSON Schema (ajv) with messages a
 * contributor can act on, the schema file kept equal to the one list of rule
 * ids in src, and the lookup from the content folder up to the repository root.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import {
  CONFIG_FILE, ConfigError, configSchema, defaultConfig, findConfigFile, jsonSyntaxError,
  loadConfig, loadProjectConfig, parseConfig, resolveConfig, validateConfig
} from '../../src/records/config.ts'
import { RULES, RULE_IDS } from '../../src/records/rule-ids.ts'

const REPO = fileURLToPath(new URL('../..', import.meta.url))
const FIXTURES = fileURLToPath(new URL('../fixtures/config', import.meta.url))
const SCHEMA_FILE = join(REPO, 'plan-archive.config.schema.json')

/** The ConfigError `fn` throws (failing the test if it throws nothing, or something else). */
function configError(fn: () => unknown): ConfigError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as Error).name).toBe('ConfigError')
    return error as ConfigError
  }
  throw new Error('expected a ConfigError, nothing was thrown')
}

const SETTINGS = '"error", "warning", "info", "off"'

describe('a bad config gives a ConfigError naming the file, the pointer, the allowed values and a suggestion', () => {
  const cases = [
    { fixture: 'severity-eror.json', pointer: '/rules/tag-malformed', what: '"eror" is not a rule setting', allowed: SETTINGS, suggestion: '"error"' },
    { fixture: 'severity-fatal.json', pointer: '/rules/country-unknown', what: '"fatal" is not a rule setting', allowed: SETTINGS, suggestion: '"error"' },
    { fixture: 'unknown-rule.json', pointer: '/rules/tag-malformd', what: '"tag-malformd" is not a rule id', allowed: 'tag-unclosed, tag-malformed, tag-empty-key', suggestion: '"tag-malformed"' },
    { fixture: 'unknown-key.json', pointer: '/publishEmail', what: 'unknown key "publishEmail"', allowed: '"rules", "aliases", "frameworkFolders", "formKinds", "publishEmails"', suggestion: '"publishEmails"' },
    { fixture: 'publish-emails-string.json', pointer: '/publishEmails', what: 'expected true or false, found the string "yes"', allowed: 'true, false', suggestion: 'true' },
    { fixture: 'alias-not-string.json', pointer: '/aliases/methods/story telling', what: 'expected a string, found the number 3', allowed: 'a string', suggestion: '"3"' }
  ]
  for (const c of cases) {
    it(`${c.fixture}: ${c.what}`, () => {
      const file = join(FIXTURES, c.fixture)
      const error = configError(() => loadProjectConfig({ file: relative(REPO, file), cwd: REPO }))
      expect(error.file).toBe(file)
      expect(error.problems).toHaveLength(1)
      expect(error.problems[0]).toMatchObject({ pointer: c.pointer, suggestion: c.suggestion })
      expect(error.message).toContain(file)
      expect(error.message).toContain(` at ${c.pointer}: `)
      expect(error.message).toContain(c.what)
      expect(error.message).toContain(c.allowed)
      expect(error.message).toContain(`Did you mean ${c.suggestion}?`)
      expect(error.message).not.toContain('\n')
    })
  }

  it('prints one paragraph for a severity typo', () => {
    const error = configError(() => parseConfig('{"rules": {"tag-malformed": "eror"}}', '/project/plan-archive.config.json'))
    expect(error.message).toBe('Invalid config file /project/plan-archive.config.json at /rules/tag-malformed: "eror" is not a rule setting. ' +
      'Did you mean "error"? Allowed values: "error", "warning", "info", "off".')
  })

  it('lists every problem, one per line after a first line', () => {
    const file = join(FIXTURES, 'several.json')
    const error = configError(() => loadProjectConfig({ file, cwd: REPO }))
    expect(error.problems.map((p) => p.pointer).sort()).toEqual(['/frameworkFolders', '/publishEmail', '/rules/sdg-unknwn', '/rules/tag-malformed'])
    const lines = error.message.split('\n')
    expect(lines[0]).toBe(`Invalid config file ${file} (4 problems):`)
    expect(lines).toHaveLength(5)
    expect(lines).toContainEqual(expect.stringContaining('at /rules/sdg-unknwn: "sdg-unknwn" is not a rule id. Did you mean "sdg-unknown"?'))
    expect(lines).toContainEqual(expect.stringContaining('at /frameworkFolders: expected an array ([ … ]), found the string "frameworks". Did you mean ["frameworks"]?'))
  })

  it('suggests moving a rule id written at the top level under "rules"', () => {
    const error = configError(() => validateConfig({ 'tag-unclosed': 'off' }, 'c.json'))
    expect(error.message).toContain('at /tag-unclosed: unknown key "tag-unclosed". Did you mean "rules": { "tag-unclosed": … }')
  })

  it('suggests the setting for common synonyms and ESLint numbers', () => {
    const suggestion = (value: unknown): string | undefined => configError(() => validateConfig({ rules: { 'sdg-unknown': value } }, 'c.json')).problems[0]?.suggestion
    expect(suggestion('warn')).toBe('"warning"')
    expect(suggestion('Info')).toBe('"info"')
    expect(suggestion('disabled')).toBe('"off"')
    expect(suggestion(0)).toBe('"off"')
    expect(suggestion(2)).toBe('"error"')
    expect(suggestion('banana')).toBeUndefined()
  })

  it('rejects a rule id inherited from Object.prototype', () => {
    expect(configError(() => validateConfig(JSON.parse('{"rules": {"constructor": "off", "__proto__": "off"}}'), 'c.json')).problems).toHaveLength(2)
  })

  it('rejects an empty folder name and a document that is not an object', () => {
    expect(configError(() => validateConfig({ formKinds: ['learningplan', ''] }, 'c.json')).problems[0]?.pointer).toBe('/formKinds/1')
    expect(configError(() => validateConfig([], 'c.json')).message).toContain('at the top level: expected an object')
  })

  it('gives the file, line and column of a JSON syntax error', () => {
    const file = join(FIXTURES, 'malformed.json')
    const error = configError(() => loadProjectConfig({ file, cwd: REPO }))
    expect(error.problems[0]).toMatchObject({ pointer: null, line: 3, column: 29 })
    expect(error.message).toBe(`Config file ${file} is not valid JSON: line 3, column 29: a "," is missing after this value.`)
  })

  it('locates syntax errors V8 gives no position for', () => {
    const at = (text: string): [number, number] | null => {
      const e = configError(() => parseConfig(text, 'c.json')).problems[0]!
      return [e.line!, e.column!]
    }
    expect(at('{"rules": {\n  "x": eror}}')).toEqual([2, 8])
    expect(at('{"a": 1,\n}')).toEqual([1, 8])
    expect(at('{"a": "b\n"}')).toEqual([1, 9])
    expect(at("{\n 'a': 1}")).toEqual([2, 2])
    expect(at('{} // note')).toEqual([1, 4])
    expect(at('')).toEqual([1, 1])
    expect(configError(() => parseConfig('{"x": eror}', 'c.json')).message).toContain('a string must be in double quotes: "eror"')
  })

  // What jsonc-parser reports, in the words the file's writer needs; jsonc-parser gives only a code and an offset.
  const syntaxMessages: Array<[string, string]> = [
    ['{"a": 1,\n}', 'a comma before "}" (trailing commas are not allowed in JSON)'],
    ['[1, 2,]', 'a comma before "]" (trailing commas are not allowed in JSON)'],
    ['{"a": 1\n "b": 2}', 'a "," is missing after this value'],
    ['{"a": "b\n"}', 'a line break inside a string (is its closing " missing?)'],
    ['{"a": "b', 'this string is not closed (its closing " is missing)'],
    ['{} /* note */', 'comments are not allowed in JSON'],
    [' \n', 'the file is empty (write {} for the defaults)'],
    ['{"a" 1}', 'expected ":" after the key, found "1"'],
    ['{a: 1}', 'expected a key in double quotes, found a (a string must be in double quotes: "a")'],
    ["{'a': 1}", 'expected a key in double quotes, found \' (strings and keys must be in double quotes ", not single quotes)'],
    ['{"a": 1 x}', 'expected "," after a value, found x (a string must be in double quotes: "x")'],
    ['{"a": 1} x', 'unexpected x (a string must be in double quotes: "x") after the end of the JSON value'],
    ['{"a": 1', 'expected "," or "}" after a value, found the end of the file'],
    ['{"a": "\\q"}', 'an invalid escape in this string (write \\\\ for a backslash)']
  ]
  it.each(syntaxMessages)('says what is wrong with %j in words', (text, message) => {
    expect(jsonSyntaxError(text)?.message).toBe(message)
  })

  it('finds no syntax error in any JSON file of the repository', () => {
    const files = [SCHEMA_FILE, join(REPO, CONFIG_FILE), join(REPO, 'package.json'), join(REPO, 'tsconfig.json'),
      ...readdirSync(FIXTURES).filter((f) => f !== 'malformed.json').map((f) => join(FIXTURES, f))]
    for (const file of files) expect(jsonSyntaxError(readFileSync(file, 'utf8')), file).toBeNull()
    expect(jsonSyntaxError('[1, -2.5e+3, true, false, null, "\\u00e9\\n", {"a": []}, {}]')).toBeNull()
  })

  it('says clearly that a config file given explicitly does not exist', () => {
    const file = join(REPO, 'no-such-config.json')
    const error = configError(() => loadProjectConfig({ file: 'no-such-config.json', cwd: REPO }))
    expect(error.message).toBe(`Cannot use config file ${file}: the file does not exist. Check the path, or leave the option out to use the lookup and the defaults.`)
    expect(configError(() => loadProjectConfig({ file: '.', cwd: FIXTURES })).message).toContain('it is a folder, not a file')
  })
})

describe('valid configs', () => {
  it('the repository\'s own config validates against the schema file and names it as its $schema', () => {
    const text = readFileSync(join(REPO, CONFIG_FILE), 'utf8')
    const validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')))
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true)
    expect(JSON.parse(text).$schema).toBe('./plan-archive.config.schema.json')
    const { config, path } = loadProjectConfig({ file: CONFIG_FILE, cwd: REPO })
    expect(path).toBe(join(REPO, CONFIG_FILE))
    expect(config.rules['tag-malformed']).toBe('error')
  })

  it('a valid fixture merges over the defaults, without its $schema', () => {
    const { config } = loadProjectConfig({ file: join(FIXTURES, 'valid.json'), cwd: REPO })
    expect(config).toEqual({
      ...defaultConfig,
      rules: { 'tag-malformed': 'warning', 'latlng-null-island': 'off' },
      aliases: { methods: { 'story telling': 'Storytelling' }, datasources: {}, thematicAreas: {}, partneringSectors: {} },
      formKinds: ['learningplan'],
      publishEmails: true
    })
    expect(resolveConfig({ $schema: './x.json' })).not.toHaveProperty('$schema')
  })
})

describe('the subnational table (places inside a country)', () => {
  const FILE = '/project/plan-archive.config.json'

  it('defaults to the reviewed table, which the repository config repeats in full', () => {
    expect(resolveConfig().subnational).toEqual(defaultConfig.subnational)
    expect(defaultConfig.subnational).toMatchObject({ England: 'GBR', 'Republika Srpska': 'BIH', 'Federation of Bosnia and Herzegovina': 'BIH', 'Kurdistan Region': 'IRQ' })
    expect(loadProjectConfig({ file: CONFIG_FILE, cwd: REPO }).config.subnational).toEqual(defaultConfig.subnational)
  })

  it('a table given replaces the default one, so an entry can be dropped', () => {
    expect(parseConfig('{"subnational": {"Zanzibar": "TZA"}}', FILE).subnational).toEqual({ Zanzibar: 'TZA' })
    expect(parseConfig('{"subnational": {}}', FILE).subnational).toEqual({})
  })

  it.each([
    ['gbr', '"GBR"'],
    ['GB', '"GBR"'],
    ['United Kingdom', '"GBR"'],
    ['XYZ', undefined]
  ])('refuses %j, a value that is no alpha-3 code of a country, and says which code is meant', (value, suggestion) => {
    const error = configError(() => parseConfig(JSON.stringify({ subnational: { 'Kent/Medway': value } }), FILE))
    expect(error.problems).toHaveLength(1)
    expect(error.problems[0]?.pointer).toBe('/subnational/Kent~1Medway')
    expect(error.problems[0]?.suggestion).toBe(suggestion)
    expect(error.message).toContain(`${JSON.stringify(value)} is not an ISO 3166-1 alpha-3 country code`)
    expect(error.message).toContain('"GBR" for the United Kingdom')
  })
})

describe('the schema and the one list of rule ids', () => {
  it('plan-archive.config.schema.json is configSchema written out (run with -u to rewrite it)', async () => {
    await expect(`${JSON.stringify(configSchema, null, 2)}\n`).toMatchFileSnapshot(SCHEMA_FILE)
  })

  it('the schema file lists exactly the rule ids of src/records/rule-ids.ts, with their defaults', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { properties: { rules: { properties: Record<string, { default: string }> } } }
    const rules = schema.properties.rules.properties
    expect(Object.keys(rules)).toEqual(RULE_IDS)
    for (const id of RULE_IDS) expect(rules[id]?.default, id).toBe(RULES[id].severity)
  })

  it('every rule id emitted in src/ is listed, at the severity it is emitted at, and every listed id is emitted', () => {
    const src = join(REPO, 'src')
    const emitted = new Map<string, Set<string>>()
    const ids = new Set<string>()
    for (const rel of readdirSync(src, { recursive: true }) as string[]) {
      const file = join(src, rel)
      if (!rel.endsWith('.ts') || !statSync(file).isFile() || rel.endsWith('rule-ids.ts')) continue
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/rule: '([a-z0-9-]+)'/g)) ids.add(m[1]!)
      for (const m of text.matchAll(/report\('([a-z0-9-]+)'/g)) ids.add(m[1]!)
      // The CLI's own argument checks (`new --focal-point`) reuse ids at their own severity.
      if (rel.startsWith('cli')) continue
      for (const m of text.matchAll(/rule: '([a-z0-9-]+)',\s*severity: '(\w+)'|report\('([a-z0-9-]+)', '(\w+)'/g)) {
        const id = m[1] ?? m[3]!
        if (!emitted.has(id)) emitted.set(id, new Set())
        emitted.get(id)!.add(m[2] ?? m[4]!)
      }
    }
    expect([...ids].sort()).toEqual([...RULE_IDS].sort())
    for (const [id, severities] of emitted) expect([...severities], id).toEqual([RULES[id as keyof typeof RULES].severity])
    expect(emitted.size).toBeGreaterThan(15)
  })
})

describe('finding the config file', () => {
  /** A fresh layout: outer/ (above the repository), outer/repo/ with a .git, outer/repo/content/plans/, and an empty cwd. */
  function layout(): { outer: string; repo: string; content: string; plans: string; cwd: string } {
    const outer = mkdtempSync(join(tmpdir(), 'config-lookup-'))
    const repo = join(outer, 'repo')
    const content = join(repo, 'content')
    const plans = join(content, 'plans')
    const cwd = join(outer, 'elsewhere')
    mkdirSync(plans, { recursive: true })
    mkdirSync(join(repo, '.git'))
    mkdirSync(cwd)
    return { outer, repo, content, plans, cwd }
  }
  const put = (dir: string, label: string): string => {
    const file = join(dir, CONFIG_FILE)
    writeFileSync(file, JSON.stringify({ frameworkFolders: [label] }))
    return file
  }

  it('finds the config in the content folder first', () => {
    const l = layout()
    put(l.repo, 'repo')
    const file = put(l.plans, 'plans')
    expect(findConfigFile({ contentDir: l.plans, cwd: l.cwd })).toBe(file)
    expect(loadProjectConfig({ contentDir: l.plans, cwd: l.cwd })).toEqual({ config: resolveConfig({ frameworkFolders: ['plans'] }), path: file })
  })

  it('finds it in a parent, the nearest one, up to and including the repository root', () => {
    const l = layout()
    const atRoot = put(l.repo, 'repo')
    expect(findConfigFile({ contentDir: l.plans, cwd: l.cwd })).toBe(atRoot)
    const inContent = put(l.content, 'content')
    expect(findConfigFile({ contentDir: l.plans, cwd: l.cwd })).toBe(inContent)
    // A file in the content folder counts as its folder; a relative content folder is relative to cwd.
    writeFileSync(join(l.plans, 'plan.md'), '# plan\n')
    expect(findConfigFile({ contentDir: join(l.plans, 'plan.md'), cwd: l.cwd })).toBe(inContent)
    expect(findConfigFile({ contentDir: relative(l.cwd, l.plans), cwd: l.cwd })).toBe(inContent)
  })

  it('does not look above the repository root (a .git folder or file)', () => {
    const l = layout()
    put(l.outer, 'outer')
    expect(findConfigFile({ contentDir: l.plans, cwd: l.cwd })).toBeNull()
    expect(loadProjectConfig({ contentDir: l.plans, cwd: l.cwd })).toEqual({ config: resolveConfig(), path: null })
    // A submodule or worktree has a .git file.
    const sub = join(l.repo, 'sub')
    mkdirSync(join(sub, 'plans'), { recursive: true })
    writeFileSync(join(sub, '.git'), 'gitdir: ../.git/modules/sub\n')
    const atRepo = put(l.repo, 'repo')
    expect(findConfigFile({ contentDir: join(sub, 'plans'), cwd: l.cwd })).toBeNull()
    expect(findConfigFile({ contentDir: l.plans, cwd: l.cwd })).toBe(atRepo)
  })

  it('falls back to the working directory', () => {
    const l = layout()
    put(l.outer, 'outer')
    const inCwd = put(l.cwd, 'cwd')
    expect(findConfigFile({ contentDir: l.plans, cwd: l.cwd })).toBe(inCwd)
    expect(findConfigFile({ cwd: l.cwd })).toBe(inCwd)
    put(l.repo, 'repo')
    expect(findConfigFile({ contentDir: l.plans, cwd: l.cwd })).toBe(join(l.repo, CONFIG_FILE))
  })

  it('an explicit file wins over the lookup, relative to cwd', () => {
    const l = layout()
    put(l.plans, 'plans')
    put(l.cwd, 'cwd')
    const explicit = put(l.outer, 'explicit')
    const loaded = loadProjectConfig({ file: join('..', CONFIG_FILE), contentDir: l.plans, cwd: l.cwd })
    expect(loaded.path).toBe(explicit)
    expect(loaded.config.frameworkFolders).toEqual(['explicit'])
  })

  it('throws a ConfigError for a bad config the lookup finds', () => {
    const l = layout()
    writeFileSync(join(l.repo, CONFIG_FILE), '{"rules": {"tag-malformed": "eror"}}')
    const error = configError(() => loadProjectConfig({ contentDir: l.plans, cwd: l.cwd }))
    expect(error.file).toBe(join(l.repo, CONFIG_FILE))
  })

  it('without a repository, only the content folder itself and cwd are looked in', () => {
    // Only meaningful when the temp folder is not itself inside a repository.
    let inRepo = false
    for (let d = tmpdir(); ; d = dirname(d)) {
      if (statSync(join(d, '.git'), { throwIfNoEntry: false })) inRepo = true
      if (inRepo || dirname(d) === d) break
    }
    if (inRepo) return
    const outer = mkdtempSync(join(tmpdir(), 'config-norepo-'))
    const content = join(outer, 'content')
    mkdirSync(content)
    put(outer, 'outer')
    expect(findConfigFile({ contentDir: content, cwd: content })).toBeNull()
    const own = put(content, 'content')
    expect(findConfigFile({ contentDir: content, cwd: outer })).toBe(own)
  })

  it('loadConfig(dir) still reads dir/plan-archive.config.json, validated, or the defaults', () => {
    const l = layout()
    expect(loadConfig(l.plans)).toEqual(resolveConfig())
    put(l.plans, 'plans')
    expect(loadConfig(l.plans).frameworkFolders).toEqual(['plans'])
    writeFileSync(join(l.plans, CONFIG_FILE), '{"publishEmails": "no"}')
    expect(configError(() => loadConfig(l.plans)).problems[0]).toMatchObject({ pointer: '/publishEmails', suggestion: 'false' })
  })
})
