/**
 * Stage 7: the outline, in one walk over the top-level mdast children. Every
 * heading opens a Section; in learning plans every non-empty `> ` blockquote
 * opens a prompt whose answer is the Markdown source of the nodes below it, up
 * to the next prompt or heading. Raw HTML wrappers (`<div class="group">`,
 * `</div>`), empty quotes and `****` lines are layout, not answer text.
 * Headings nested inside lists or quotes are not part of the outline.
 */
import GithubSlugger from 'github-slugger'
import type { Root, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { ChallengeType, LearningStage, Prompt, Section } from '../records/types.ts'

export interface Outline {
  sections: Section[]
  /** Text of the first depth-1 heading, or null. */
  firstH1: string | null
  /** Plain text answer of the `## Title` section (learning plans), or null. */
  titleAnswer: string | null
  stages: LearningStage[]
  challengeType: ChallengeType | null
  /** Top-level nodes that carry prose, in order, for language detection. */
  textBlocks: RootContent[]
}

const STAGES: readonly LearningStage[] = ['Sense', 'Explore', 'Test', 'Grow']
const STAGE_WORD = /\b(Sense|Explore|Test|Grow)\b/g
const STAGE_PROMPT = /stage\(?s?\)? in the learning cycle/i
const CHALLENGE_PROMPT = /^challenge type\b/i
/** The form's help text printed right under the challenge-type prompt; it belongs to the prompt. */
const FORM_NOTE = /^please note:/i
const PROSE = new Set(['paragraph', 'heading', 'list', 'blockquote', 'table'])

interface OpenPrompt {
  prompt: string
  line: number
  parts: string[]
  nodes: RootContent[]
}

/**
 * Build the outline of a body.
 * @param tree mdast of `body`
 * @param body the Markdown the tree was parsed from (answers are slices of it)
 * @param lineMap original file line of each body line
 * @param isPlan pair prompts with answers (learning plans)
 */
export function buildOutline(tree: Root, body: string, lineMap: readonly number[], isPlan: boolean): Outline {
  const slugger = new GithubSlugger()
  const sections: Section[] = []
  const textBlocks: RootContent[] = []
  const stages = new Set<LearningStage>()
  let challengeFromPrompt: ChallengeType | null = null
  const challengeMentions = new Set<ChallengeType>()
  let firstH1: string | null = null
  let titleAnswer: string | null = null
  let section: Section | null = null
  let titleSection: Section | null = null
  let titleNodes: RootContent[] = []
  let open: OpenPrompt | null = null

  const lineOf = (node: RootContent): number => {
    const l = node.position?.start.line ?? 1
    return lineMap[l - 1] ?? l
  }
  const close = (): void => {
    if (!open) return
    const answer = open.parts.join('\n\n').trim()
    const target = section ?? openSection('', 0, open.line)
    target.prompts.push({ prompt: open.prompt, answer, line: open.line } satisfies Prompt)
    if (STAGE_PROMPT.test(open.prompt)) {
      for (const m of answer.matchAll(STAGE_WORD)) stages.add(m[1] as LearningStage)
    }
    if (CHALLENGE_PROMPT.test(open.prompt)) challengeFromPrompt ??= challengeIn(answer, false)
    else if (answer) {
      const mention = challengeIn(answer, true)
      if (mention) challengeMentions.add(mention)
    }
    if (target === titleSection && titleAnswer === null && answer) titleAnswer = plain(open.nodes)
    open = null
  }
  const openSection = (heading: string, depth: number, line: number): Section => {
    const s: Section = { heading, depth, slug: slugger.slug(heading), line, prompts: [] }
    sections.push(s)
    section = s
    return s
  }

  for (const node of tree.children) {
    if (PROSE.has(node.type)) textBlocks.push(node)
    if (node.type === 'heading') {
      close()
      if (titleSection && titleAnswer === null && titleNodes.length) titleAnswer = plain(titleNodes)
      const heading = toString(node).trim()
      if (node.depth === 1 && firstH1 === null && heading) firstH1 = heading
      const s = openSection(heading, node.depth, lineOf(node))
      titleSection = isPlan && /^title$/i.test(heading) ? s : null
      titleNodes = []
      continue
    }
    if (!isPlan) continue
    if (node.type === 'blockquote') {
      const text = node.children.map((c) => toString(c).trim()).filter(Boolean).join('\n\n')
      if (!text) continue
      close()
      open = { prompt: text, line: lineOf(node), parts: [], nodes: [] }
      continue
    }
    if (isLayout(node, body)) continue
    const source = sliceOf(node, body)
    if (open) {
      if (open.parts.length === 0 && node.type === 'paragraph' && FORM_NOTE.test(source)) {
        open.prompt += `\n\n${toString(node).trim()}`
        continue
      }
      open.parts.push(source)
      open.nodes.push(node)
    } else if (titleSection) {
      titleNodes.push(node)
    }
  }
  close()
  if (titleSection && titleAnswer === null && titleNodes.length) titleAnswer = plain(titleNodes)

  const mentions = [...challengeMentions]
  return {
    sections,
    firstH1,
    titleAnswer,
    stages: STAGES.filter((s) => stages.has(s)),
    challengeType: challengeFromPrompt ?? (mentions.length === 1 ? mentions[0]! : null),
    textBlocks
  }
}

/** `big bet` or `exploratory` when exactly one is named (strict: as "… challenge" phrases only). */
function challengeIn(text: string, strict: boolean): ChallengeType | null {
  const big = strict ? /\bbig bet challenge\b/i.test(text) : /\bbig bet\b/i.test(text)
  const exp = strict ? /\bexploratory challenge\b/i.test(text) : /\bexploratory\b/i.test(text)
  return big === exp ? null : big ? 'big bet' : 'exploratory'
}

/** Raw-HTML wrappers without text, empty quotes and `****` lines: form layout, not content. */
function isLayout(node: RootContent, body: string): boolean {
  if (node.type === 'html') return node.value.replace(/<[^>]*>/g, '').trim() === ''
  if (node.type === 'thematicBreak') return sliceOf(node, body).trim().startsWith('**')
  if (node.type === 'paragraph') return toString(node).trim() === '' && !node.children.some((c) => c.type === 'image')
  return false
}

function sliceOf(node: RootContent, body: string): string {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  return start === undefined || end === undefined ? toString(node) : body.slice(start, end)
}

function plain(nodes: RootContent[]): string {
  return nodes.map((n) => toString(n).trim()).filter(Boolean).join(' ').trim()
}
