/**
 * The parse stage: one file's bytes → one typed record, the mdast of its body
 * and the images lifted out of it. The pipeline, in order:
 * decode → mojibake → front-matter → assets → tags → nesting guard → markdown → sections → record.
 */
import { createHash } from 'node:crypto'
import type { Root } from 'mdast'
import { resolveConfig } from '../records/config.ts'
import { decideKind } from '../records/kind.ts'
import type { AssetRef, Diagnostic } from '../records/types.ts'
import { liftDataImages, type Lifted } from './assets.ts'
import type { Asset, ParseFile, ParseResult } from './contract.ts'
import { decode } from './decode.ts'
import { splitFrontMatter } from './front-matter.ts'
import { toMdast } from './markdown.ts'
import { repairMojibake } from './mojibake.ts'
import { limitNesting } from './nesting.ts'
import { assembleRecord } from './record.ts'
import { buildOutline, type Outline } from './sections.ts'
import { scanTags, type Tag } from './tags.ts'

export type { Asset, ParseFile, ParseInput, ParseResult } from './contract.ts'

const defaults = resolveConfig()
const emptyOutline = (): Outline => ({
  sections: [], firstH1: null, titleAnswer: null, stages: [], challengeType: null, textBlocks: []
})

/** Parse one file into its record, mdast and lifted assets; never throws on content. */
export const parseFile: ParseFile = (input, config = defaults): ParseResult => {
  const diagnostics: Diagnostic[] = []
  const source = { path: input.path, sha256: createHash('sha256').update(input.bytes).digest('hex') }
  let frontMatter: Record<string, unknown> = {}
  let tags: Tag[] = []
  let body = ''
  let tree: Root = { type: 'root', children: [] }
  let outline = emptyOutline()
  let assets: Asset[] = []
  let decided: ReturnType<typeof decideKind> | undefined
  let stage = 'decode'
  try {
    const decoded = decode(input.bytes)
    diagnostics.push(...decoded.diagnostics)
    stage = 'mojibake'
    const repaired = repairMojibake(decoded.text)
    diagnostics.push(...repaired.diagnostics)
    stage = 'front-matter'
    const fm = splitFrontMatter(repaired.text)
    frontMatter = fm.data
    diagnostics.push(...fm.diagnostics)
    stage = 'assets'
    const lifted = liftDataImages(fm.body)
    assets = lifted.assets
    if (lifted.dropped > 0) diagnostics.push(droppedImages(fm.body, lifted, fm.lineOffset))
    stage = 'tags'
    const scan = scanTags(lifted.text, fm.lineOffset)
    tags = scan.tags
    body = scan.body
    diagnostics.push(...scan.diagnostics)
    stage = 'nesting'
    const limited = limitNesting(scan.body, scan.lineMap)
    diagnostics.push(...limited.diagnostics)
    stage = 'markdown'
    tree = toMdast(limited.text)
    body = limited.text
    stage = 'sections'
    // Only learning plans pair their form prompts: the kind decided here is the record's.
    decided = decideKind(tags.filter((t) => t.key === 'type'), frontMatter, source.path, config)
    outline = buildOutline(tree, body, scan.lineMap, decided.kind === 'learningplan')
  } catch (error) {
    diagnostics.push(stageFailure(stage, error))
  }
  // A stage before the sections failed: the kind from what was read so far.
  decided ??= decideKind(tags.filter((t) => t.key === 'type'), frontMatter, source.path, config)
  diagnostics.push(...decided.diagnostics)
  const { type } = decided
  const assetRefs: AssetRef[] = assets.map((a) => ({ name: a.name, mime: a.mime, bytes: a.data.byteLength }))
  try {
    const record = assembleRecord({ source, type, frontMatter, tags, body, tree, outline, assets: assetRefs, diagnostics, config })
    return { record, tree, assets }
  } catch (error) {
    // Last resort: a record from what is known, so one bad file never stops a corpus.
    diagnostics.push(stageFailure('record', error))
    const record = assembleRecord({
      source, type, frontMatter: {}, tags: [], body, tree, outline: emptyOutline(), assets: assetRefs, diagnostics, config
    })
    return { record, tree, assets }
  }
}

function stageFailure(stage: string, error: unknown): Diagnostic {
  return {
    rule: 'parse-failed',
    severity: 'error',
    message: `the ${stage} stage failed: ${error instanceof Error ? error.message : String(error)}`,
    line: 1,
    column: 1,
    hint: 'please report this file: the parser should handle any content'
  }
}

/** Warn once where the first non-raster `data:` image was removed (its position in the original file). */
function droppedImages(text: string, lifted: Lifted, lineOffset: number): Diagnostic {
  let line = 1
  let lineStart = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < lifted.firstDropped; i = text.indexOf('\n', i + 1)) {
    line++
    lineStart = i + 1
  }
  return {
    rule: 'image-unsafe-type',
    severity: 'warning',
    message: `removed ${lifted.dropped} embedded image(s) of a type that can carry script (only png, jpeg, gif, webp and avif are kept)`,
    line: line + lineOffset,
    column: lifted.firstDropped - lineStart + 1,
    hint: 'export the image as PNG or JPEG and embed that instead'
  }
}
