/**
 * An in-memory, incrementally updated name search index over person records.
 *
 * Shape (retrieve, then score — the two-pass shape of Babel Street's name indexer,
 * shared/reference/linkage-anchors.md §3.3):
 * - a vocabulary of normalised name tokens (interned once); each token carries its
 *   cross-script skeleton, OCR key and variant group, and a posting list (Int32Array) of the
 *   records that contain it;
 * - key tables over the vocabulary (variant group, skeleton, OCR key, skeleton deletions for
 *   typing errors, skeleton prefixes for partial names) map a query token to the vocabulary
 *   tokens it matches, and at which level;
 * - per record: its token ids and name-part codes in flat typed arrays, and compact filter
 *   columns (sex, birth year, birth place, source kind, detention place).
 * Keys live over the vocabulary, not per record, so a million records cost one posting per
 * distinct token of a record plus a few bytes of columns.
 */
import {
  compareNames,
  crossScriptKey,
  nameTokens,
  ocrKey,
  parseFullName,
  variantGroup,
} from '../names/index.js'
import type { NameMatchLevel } from '../names/index.js'
import { findPlaceById, isWithin, resolvePlace } from '../places/index.js'
import type { PersonRecordFields } from '../records/record-fields.js'
import { clampSearchLimit, parseSearchQuery } from './search-query.js'
import type {
  SearchFilters,
  SearchHit,
  SearchIndexStats,
  SearchMatchReason,
  SearchNamePart,
  SearchOptions,
  SearchOutcome,
} from './search-types.js'
import { SEARCH_MATCH_LEVELS } from './search-types.js'
import { ensureCapacity } from './typed-buffers.js'

// Name-part codes stored per record token. FROM_FULL marks a token that came from `full_name`
// (parsed into parts when the record is not split), so reasons report `full_name`.
const PART_FIRST = 0
const PART_FATHER = 1
const PART_GRANDFATHER = 2
const PART_FAMILY = 3
const PART_MOTHER = 4
const PART_MOTHER_FAMILY = 5
const PART_OTHER = 6
const FROM_FULL = 8

const PART_NAMES: readonly SearchNamePart[] = [
  'first_name',
  'father_name',
  'grandfather_name',
  'family_name',
  'mother_name',
  'mother_family_name',
  'full_name',
]

// Quality of each level, in SEARCH_MATCH_LEVELS order. Exact > variant > cross-script > ocr >
// close > prefix, as the issue orders them; the gaps are small so that a rare name matched as a
// variant still outweighs a common name matched exactly (IDF does the rest).
const LEVEL_QUALITY = [1, 0.95, 0.9, 0.8, 0.7, 0.6] as const
const LEVEL_EXACT = 0
const LEVEL_VARIANT = 1
const LEVEL_CROSS = 2
const LEVEL_OCR = 3
const LEVEL_CLOSE = 4
const LEVEL_PREFIX = 5

// A query naming the mother matches her name, but a person's own name is the usual intent.
const MOTHER_PART_FACTOR = 0.85
// A family types the person's own first and family name: a record where the query met its
// first_name AND family_name beats one where it met, say, the father's name and the family
// name. Person Finder also ranks given+family in typed order above swapped order
// (tracing-anchors §1.4): a smaller extra bonus for the typed order.
const ROLE_BONUS = 0.04
const ORDER_BONUS = 0.02
// Rerank blend: the index score stays dominant; compareNames refines the order of the top.
const RERANK_WEIGHT = 0.2
// Candidates re-ranked with compareNames (the rest keep their index order below them).
const DEFAULT_RERANK_DEPTH = 50
// Candidate generation stops adding posting lists beyond this many postings (latency bound).
const MAX_CANDIDATE_POSTINGS = 30_000
// A further query token joins the candidate union only when it reaches at most this share of
// the records (or SELECTIVE_MIN_POSTINGS): a family name does, محمد (1 man in 7) does not.
const SELECTIVE_SHARE = 0.01
const SELECTIVE_MIN_POSTINGS = 2000
// A lone common name (محمد) is not allowed to make a search scan the whole index.
const MAX_CANDIDATES = 100_000
// Skeletons shorter than this get no typing-error expansion: short names are one edit apart
// from other common names (mhmd محمد / 'hmd أحمد / mhnd مهند on the name engine's skeletons).
const MIN_CLOSE_SKELETON = 5
// Raw name strings seen often (first names) are tokenised once; the cache is cleared when big.
const TOKEN_CACHE_LIMIT = 200_000

const NAME_COMPARE_QUALITY: Record<NameMatchLevel, number> = {
  exact: 1,
  variant: 0.95,
  'cross-script': 0.9,
  ocr: 0.8,
  close: 0.7,
  partial: 0.5,
  different: 0,
}

/** Push `value` into the array stored at `key` of `map`. */
function pushTo<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}

/** Optimal-string-alignment distance ≤ 1 (one insertion, deletion, substitution or swap). */
function isWithinOneEdit(a: string, b: string): boolean {
  if (a === b) return true
  const la = a.length
  const lb = b.length
  if (Math.abs(la - lb) > 1) return false
  let i = 0
  while (i < la && i < lb && a[i] === b[i]) i++
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
}

/** The single-character deletions of a string. */
function deletionsOf(s: string): string[] {
  const out: string[] = []
  for (let i = 0; i < s.length; i++) {
    const d = s.slice(0, i) + s.slice(i + 1)
    if (out[out.length - 1] !== d) out.push(d)
  }
  return out
}

/** Year of birth stated by a record: `birth_date`, else `recorded_on` minus `age`. 0 = unknown. */
function birthYearOf(record: PersonRecordFields): number {
  const m = record.birth_date === undefined ? null : /^(\d{4})/.exec(record.birth_date)
  if (m?.[1] !== undefined) return Number(m[1])
  if (record.age !== undefined && record.recorded_on !== undefined) {
    const r = /^(\d{4})/.exec(record.recorded_on)
    if (r?.[1] !== undefined) return Math.max(0, Number(r[1]) - record.age)
  }
  return 0
}

function normalizeFreeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
}

/** The place key of a text: its gazetteer id, else `?` + the folded text (exact match only). */
function placeKeyOf(text: string): string {
  if (findPlaceById(text) !== undefined) return text
  return resolvePlace(text) ?? `?${normalizeFreeText(text)}`
}

/** A name-search index. Not safe for re-entrant use (scratch buffers are shared). */
export class NameSearchIndex {
  // ---- records (internal id = position) ----
  private recordIds: string[] = []
  private internalIdByRecordId = new Map<string, number>()
  private live = new Uint8Array(1024)
  private sex = new Uint8Array(1024) // 0 unknown, 1 M, 2 F
  private birthYear = new Uint16Array(1024) // 0 unknown
  private birthPlace = new Int32Array(1024) // -1 unknown, else place table index
  private detentionPlace = new Int32Array(1024)
  private sourceKind = new Int32Array(1024) // -1 unknown, else source table index
  private tokenStart = new Uint32Array(1025) // record r's tokens are [tokenStart[r], tokenStart[r+1])
  private recTokens = new Int32Array(8192) // vocabulary ids
  private recParts = new Uint8Array(8192) // part codes
  private tokenCount = 0
  private liveCount = 0

  // ---- vocabulary ----
  private vocabIdByToken = new Map<string, number>()
  private vocabText: string[] = []
  private vocabSkeleton: string[] = []
  private docFreq = new Int32Array(1024)
  private postings: Int32Array[] = []
  private postingLength = new Int32Array(1024)
  private postingTotal = 0
  private byVariant = new Map<number, number[]>()
  private bySkeleton = new Map<string, number[]>()
  private byOcr = new Map<string, number[]>()
  private bySkeletonDeletion = new Map<string, number[]>()
  private bySkeletonPrefix2 = new Map<string, number[]>()
  private byTokenPrefix2 = new Map<string, number[]>()
  private tokenCache = new Map<string, number[]>()

  // ---- small intern tables ----
  private placeKeys: string[] = []
  private placeIndexByRawText = new Map<string, number>()
  private placeIndexByKey = new Map<string, number>()
  private sourceKinds: string[] = []
  private sourceIndexByKind = new Map<string, number>()

  // ---- per-search scratch (stamped, never cleared) ----
  private generation = 0
  private recordMark = new Int32Array(1024)
  private vocabMark = new Int32Array(1024)
  private vocabHead = new Int32Array(1024)

  /** Number of records ever added (including removed ones). */
  get size(): number {
    return this.recordIds.length
  }

  /** Number of records currently searchable. */
  get liveSize(): number {
    return this.liveCount
  }

  /** True when a live record with this id is indexed. */
  has(recordId: string): boolean {
    return this.internalIdByRecordId.has(recordId)
  }

  /** The internal integer id of a live record (0-based, in order of addition), if indexed. */
  findPosition(recordId: string): number | undefined {
    return this.internalIdByRecordId.get(recordId)
  }

  /** Index one record (incremental; a record id already present is replaced). */
  add(record: PersonRecordFields): void {
    if (this.internalIdByRecordId.has(record.record_id)) this.remove(record.record_id)
    const id = this.recordIds.length
    const cap = id + 1
    this.live = ensureCapacity(this.live, cap, Uint8Array)
    this.sex = ensureCapacity(this.sex, cap, Uint8Array)
    this.birthYear = ensureCapacity(this.birthYear, cap, Uint16Array)
    this.birthPlace = ensureCapacity(this.birthPlace, cap, Int32Array)
    this.detentionPlace = ensureCapacity(this.detentionPlace, cap, Int32Array)
    this.sourceKind = ensureCapacity(this.sourceKind, cap, Int32Array)
    this.tokenStart = ensureCapacity(this.tokenStart, cap + 1, Uint32Array)
    this.recordMark = ensureCapacity(this.recordMark, cap, Int32Array)

    this.recordIds.push(record.record_id)
    this.internalIdByRecordId.set(record.record_id, id)
    this.live[id] = 1
    this.liveCount++
    this.sex[id] = record.sex === 'M' ? 1 : record.sex === 'F' ? 2 : 0
    this.birthYear[id] = Math.min(65535, birthYearOf(record))
    this.birthPlace[id] =
      record.birth_place === undefined ? -1 : this.internPlace(record.birth_place)
    this.detentionPlace[id] =
      record.detention_place === undefined ? -1 : this.internPlace(record.detention_place)
    this.sourceKind[id] = record.source === undefined ? -1 : this.internSource(record.source)

    this.tokenStart[id] = this.tokenCount
    this.indexNames(id, record)
    this.tokenStart[id + 1] = this.tokenCount
  }

  /** Remove a record (tombstone; its postings are skipped from now on). False if unknown. */
  remove(recordId: string): boolean {
    const id = this.internalIdByRecordId.get(recordId)
    if (id === undefined) return false
    this.internalIdByRecordId.delete(recordId)
    this.live[id] = 0
    this.liveCount--
    const start = this.tokenStart[id] ?? 0
    const end = this.tokenStart[id + 1] ?? 0
    for (let t = start; t < end; t++) {
      const v = this.recTokens[t] ?? 0
      // Each distinct token was counted once per record (see appendToken).
      if (!this.tokenRepeats(start, t, v)) this.docFreq[v] = (this.docFreq[v] ?? 1) - 1
    }
    return true
  }

  /** Size and memory figures. */
  stats(): SearchIndexStats {
    const typedBytes =
      this.live.byteLength +
      this.sex.byteLength +
      this.birthYear.byteLength +
      this.birthPlace.byteLength +
      this.detentionPlace.byteLength +
      this.sourceKind.byteLength +
      this.tokenStart.byteLength +
      this.recTokens.byteLength +
      this.recParts.byteLength +
      this.docFreq.byteLength +
      this.postingLength.byteLength +
      this.recordMark.byteLength +
      this.vocabMark.byteLength +
      this.vocabHead.byteLength +
      this.postings.reduce((s, p) => s + p.byteLength, 0)
    return {
      records: this.recordIds.length,
      liveRecords: this.liveCount,
      vocabulary: this.vocabText.length,
      postings: this.postingTotal,
      places: this.placeKeys.length,
      sourceKinds: this.sourceKinds.length,
      typedBytes,
    }
  }

  /** Search by name, ranked; a refused query is returned as a value. */
  search(text: string, options: SearchOptions = {}): SearchOutcome {
    const parsed = parseSearchQuery(text)
    if (parsed.rejected) return parsed
    const limit = clampSearchLimit(options.limit)
    const minScore = options.minScore ?? 0.25
    const rerankDepth = Math.max(limit, options.rerankDepth ?? DEFAULT_RERANK_DEPTH)
    const q = parsed.tokens
    const gen = this.nextGeneration()

    // 1. Expand each query token to the vocabulary tokens it matches, strongest level kept.
    //    Strong levels (exact … ocr) say "this is the name typed"; weak ones (close, prefix)
    //    may reach a different common name (مهند is one edit from محمد), so a weak match
    //    feeds the candidates only when it is rarer than the strong matches (a typo is rare)
    //    or when nothing matched strongly (a partial or misspelt name).
    const entryQuery: number[] = []
    const entryLevel: number[] = []
    const entryNext: number[] = []
    const tokenSources: CandidateSource[] = []
    for (let j = 0; j < q.length; j++) {
      const levels = this.expandToken(q[j] ?? '')
      const primary: number[] = []
      const strong: number[] = []
      const weak: number[] = []
      let strongDf = 0
      let weakDf = 0
      for (const [v, level] of levels) {
        const df = this.docFreq[v] ?? 0
        if (level <= LEVEL_VARIANT) primary.push(v)
        if (level <= LEVEL_OCR) {
          strong.push(v)
          strongDf += df
        } else {
          weak.push(v)
          weakDf += df
        }
        const e = entryQuery.length
        entryQuery.push(j)
        entryLevel.push(level)
        entryNext.push(this.vocabMark[v] === gen ? (this.vocabHead[v] ?? -1) : -1)
        this.vocabMark[v] = gen
        this.vocabHead[v] = e
      }
      const vocab = [...strong]
      let size = strongDf
      for (const v of weak) {
        const df = this.docFreq[v] ?? 0
        if (strongDf === 0 || df <= strongDf) {
          vocab.push(v)
          size += df
        }
      }
      tokenSources.push({ primary, vocab, size, df: strongDf > 0 ? strongDf : weakDf })
    }

    // 2. IDF weight per query token: a token matching many records (محمد) weighs little.
    const n = Math.max(1, this.liveCount)
    const weights = tokenSources.map(({ df }) =>
      Math.max(0.05, Math.log(1 + n / (1 + Math.min(df, n)))),
    )
    const weightSum = weights.reduce((a, b) => a + b, 0)

    // 3. Candidates: union of the most selective tokens' postings, within a latency budget.
    const filter = this.compileFilters(options.filters)
    const candidates = this.collectCandidates(tokenSources, gen, filter, rerankDepth)

    // 4. Score every candidate from its own tokens.
    const plan: QueryPlan = {
      gen,
      tokens: q,
      entryQuery,
      entryLevel,
      entryNext,
      entryGain: entryQuery.map(
        (j, e) => (LEVEL_QUALITY[entryLevel[e] ?? LEVEL_PREFIX] ?? 0) * (weights[j] ?? 0),
      ),
      weightSum,
      bestGain: new Float64Array(q.length),
      bestToken: new Int32Array(q.length),
    }
    const scores = new Float64Array(candidates.length)
    const scratch = new AssignmentScratch(q.length)
    this.scoreCandidates(candidates, plan, scores, scratch)

    // 5. Keep the best few hundred, re-rank them with the name engine, then cut to the limit.
    const top = selectTop(candidates, scores, rerankDepth, this.recordIds)
    const hits: SearchHit[] = []
    const queryText = q.join(' ')
    const compareCache = new Map<string, number>()
    for (const c of top) {
      const r = candidates[c] ?? 0
      const reasons: (SearchMatchReason | undefined)[] = []
      const base = this.scoreRecord(r, plan, scratch, reasons)
      const refined =
        (1 - RERANK_WEIGHT) * base +
        RERANK_WEIGHT * this.compareWithRecord(queryText, r, compareCache)
      const score = Math.round(refined * 1e6) / 1e6
      if (score < minScore) continue
      const matched = reasons.filter((m): m is SearchMatchReason => m !== undefined)
      hits.push({ recordId: this.recordIds[r] ?? '', score, matched })
    }
    hits.sort(
      (a, b) =>
        b.score - a.score || (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0),
    )
    return { rejected: false, hits: hits.slice(0, limit), limit, candidates: candidates.length }
  }

  // ------------------------------------------------------------------ indexing

  private indexNames(id: number, record: PersonRecordFields): void {
    const start = this.tokenCount
    this.appendPart(id, record.first_name, PART_FIRST)
    this.appendPart(id, record.father_name, PART_FATHER)
    this.appendPart(id, record.grandfather_name, PART_GRANDFATHER)
    this.appendPart(id, record.family_name, PART_FAMILY)
    this.appendPart(id, record.mother_name, PART_MOTHER)
    this.appendPart(id, record.mother_family_name, PART_MOTHER_FAMILY)
    if (record.full_name === undefined) return
    if (record.first_name === undefined && record.family_name === undefined) {
      // Not split: take the parts the name engine reads out of the whole name.
      const parsed = parseFullName(record.full_name)
      this.appendPart(id, parsed.first_name, PART_FIRST | FROM_FULL)
      this.appendPart(id, parsed.father_name, PART_FATHER | FROM_FULL)
      this.appendPart(id, parsed.grandfather_name, PART_GRANDFATHER | FROM_FULL)
      this.appendPart(id, parsed.family_name, PART_FAMILY | FROM_FULL)
    }
    // Whatever the whole name holds beyond the parts (a second family name, a laqab).
    for (const v of this.tokenIdsOf(record.full_name)) {
      let seen = false
      for (let t = start; t < this.tokenCount; t++) if (this.recTokens[t] === v) seen = true
      if (!seen) this.appendToken(id, v, PART_OTHER | FROM_FULL, start)
    }
  }

  private appendPart(id: number, text: string | undefined, part: number): void {
    if (text === undefined) return
    const start = this.tokenStart[id] ?? 0
    for (const v of this.tokenIdsOf(text)) this.appendToken(id, v, part, start)
  }

  private appendToken(id: number, v: number, part: number, recordStart: number): void {
    this.recTokens = ensureCapacity(this.recTokens, this.tokenCount + 1, Int32Array)
    this.recParts = ensureCapacity(this.recParts, this.tokenCount + 1, Uint8Array)
    const repeated = this.tokenRepeats(recordStart, this.tokenCount, v)
    this.recTokens[this.tokenCount] = v
    this.recParts[this.tokenCount] = part
    this.tokenCount++
    if (repeated) return // one posting per record and token (محمد as first and father name)
    this.docFreq[v] = (this.docFreq[v] ?? 0) + 1
    let list = this.postings[v] ?? new Int32Array(2)
    const len = this.postingLength[v] ?? 0
    if (len === list.length) list = ensureCapacity(list, len + 1, Int32Array)
    list[len] = id
    this.postings[v] = list
    this.postingLength[v] = len + 1
    this.postingTotal++
  }

  private tokenRepeats(from: number, to: number, v: number): boolean {
    for (let t = from; t < to; t++) if (this.recTokens[t] === v) return true
    return false
  }

  private tokenIdsOf(text: string): number[] {
    const cached = this.tokenCache.get(text)
    if (cached !== undefined) return cached
    const ids = nameTokens(text).map((t) => this.internToken(t))
    if (this.tokenCache.size >= TOKEN_CACHE_LIMIT) this.tokenCache.clear()
    this.tokenCache.set(text, ids)
    return ids
  }

  private internToken(token: string): number {
    const known = this.vocabIdByToken.get(token)
    if (known !== undefined) return known
    const v = this.vocabText.length
    const skeleton = crossScriptKey(token)
    this.vocabIdByToken.set(token, v)
    this.vocabText.push(token)
    this.vocabSkeleton.push(skeleton)
    this.postings.push(new Int32Array(2))
    this.docFreq = ensureCapacity(this.docFreq, v + 1, Int32Array)
    this.postingLength = ensureCapacity(this.postingLength, v + 1, Int32Array)
    this.vocabMark = ensureCapacity(this.vocabMark, v + 1, Int32Array)
    this.vocabHead = ensureCapacity(this.vocabHead, v + 1, Int32Array)
    const group = variantGroup(token)
    if (group !== undefined) pushTo(this.byVariant, group, v)
    if (skeleton !== '') {
      pushTo(this.bySkeleton, skeleton, v)
      if (skeleton.length >= 2) pushTo(this.bySkeletonPrefix2, skeleton.slice(0, 2), v)
      if (skeleton.length >= MIN_CLOSE_SKELETON) {
        for (const d of deletionsOf(skeleton)) pushTo(this.bySkeletonDeletion, d, v)
      }
    }
    const ocr = ocrKey(token)
    if (ocr !== '') pushTo(this.byOcr, ocr, v)
    if (token.length >= 2) pushTo(this.byTokenPrefix2, token.slice(0, 2), v)
    return v
  }

  private internPlace(text: string): number {
    const known = this.placeIndexByRawText.get(text)
    if (known !== undefined) return known
    const key = placeKeyOf(text)
    let index = this.placeIndexByKey.get(key)
    if (index === undefined) {
      index = this.placeKeys.length
      this.placeKeys.push(key)
      this.placeIndexByKey.set(key, index)
    }
    this.placeIndexByRawText.set(text, index)
    return index
  }

  private internSource(text: string): number {
    const kind = normalizeFreeText(text)
    let index = this.sourceIndexByKind.get(kind)
    if (index === undefined) {
      index = this.sourceKinds.length
      this.sourceKinds.push(kind)
      this.sourceIndexByKind.set(kind, index)
    }
    return index
  }

  // ------------------------------------------------------------------ searching

  private nextGeneration(): number {
    this.generation = this.generation >= 0x7fffffff ? 1 : this.generation + 1
    if (this.generation === 1) {
      this.recordMark.fill(0)
      this.vocabMark.fill(0)
    }
    return this.generation
  }

  /** Vocabulary tokens a query token matches, each with its strongest level. */
  private expandToken(token: string): Map<number, number> {
    const found = new Map<number, number>()
    const offer = (v: number, level: number): void => {
      const had = found.get(v)
      if (had === undefined || level < had) found.set(v, level)
    }
    const exact = this.vocabIdByToken.get(token)
    if (exact !== undefined) offer(exact, LEVEL_EXACT)
    const group = variantGroup(token)
    if (group !== undefined) {
      for (const v of this.byVariant.get(group) ?? []) offer(v, LEVEL_VARIANT)
    }
    const skeleton = crossScriptKey(token)
    if (skeleton !== '') for (const v of this.bySkeleton.get(skeleton) ?? []) offer(v, LEVEL_CROSS)
    const ocr = ocrKey(token)
    if (ocr !== '') for (const v of this.byOcr.get(ocr) ?? []) offer(v, LEVEL_OCR)
    if (skeleton.length >= MIN_CLOSE_SKELETON) {
      // Deletion neighbourhoods (SymSpell idea): one insertion, deletion or substitution away.
      const near = new Set<number>(this.bySkeletonDeletion.get(skeleton) ?? [])
      for (const d of deletionsOf(skeleton)) {
        for (const v of this.bySkeleton.get(d) ?? []) near.add(v)
        for (const v of this.bySkeletonDeletion.get(d) ?? []) near.add(v)
      }
      for (const v of near) {
        const s = this.vocabSkeleton[v] ?? ''
        if (s.length >= MIN_CLOSE_SKELETON && isWithinOneEdit(skeleton, s)) offer(v, LEVEL_CLOSE)
      }
    }
    // Partial names: the typed text is the start of a longer name, in skeleton or own script.
    if (skeleton.length >= 2) {
      for (const v of this.bySkeletonPrefix2.get(skeleton.slice(0, 2)) ?? []) {
        const s = this.vocabSkeleton[v] ?? ''
        if (s.length > skeleton.length && s.startsWith(skeleton)) offer(v, LEVEL_PREFIX)
      }
    }
    for (const v of this.byTokenPrefix2.get(token.slice(0, 2)) ?? []) {
      const t = this.vocabText[v] ?? ''
      if (t.length > token.length && t.startsWith(token)) offer(v, LEVEL_PREFIX)
    }
    return found
  }

  private compileFilters(filters: SearchFilters | undefined): CompiledFilter | null {
    if (filters === undefined) return null
    const placeMask = (value: string | undefined): Uint8Array | null => {
      if (value === undefined) return null
      const wanted = placeKeyOf(value)
      const mask = new Uint8Array(this.placeKeys.length)
      for (let i = 0; i < this.placeKeys.length; i++) {
        const key = this.placeKeys[i] ?? ''
        const ok =
          key.startsWith('?') || wanted.startsWith('?') ? key === wanted : isWithin(key, wanted)
        mask[i] = ok ? 1 : 0
      }
      return mask
    }
    let sources: Uint8Array | null = null
    if (filters.sourceKind !== undefined) {
      const kinds =
        typeof filters.sourceKind === 'string' ? [filters.sourceKind] : filters.sourceKind
      const wanted = new Set(kinds.map(normalizeFreeText))
      sources = new Uint8Array(this.sourceKinds.length)
      for (let i = 0; i < this.sourceKinds.length; i++) {
        sources[i] = wanted.has(this.sourceKinds[i] ?? '') ? 1 : 0
      }
    }
    return {
      sex: filters.sex === 'M' ? 1 : filters.sex === 'F' ? 2 : 0,
      yearFrom: filters.birthYearFrom ?? 0,
      yearTo: filters.birthYearTo ?? 0,
      birthPlaces: placeMask(filters.birthPlace),
      detentionPlaces: placeMask(filters.detentionPlace),
      sources,
      excludeUnknown: filters.excludeUnknown === true,
    }
  }

  private passes(r: number, f: CompiledFilter): boolean {
    const strict = f.excludeUnknown
    if (f.sex !== 0) {
      const s = this.sex[r] ?? 0
      if (s === 0 ? strict : s !== f.sex) return false
    }
    if (f.yearFrom !== 0 || f.yearTo !== 0) {
      const y = this.birthYear[r] ?? 0
      if (y === 0) {
        if (strict) return false
      } else if ((f.yearFrom !== 0 && y < f.yearFrom) || (f.yearTo !== 0 && y > f.yearTo)) {
        return false
      }
    }
    if (!passesMask(f.birthPlaces, this.birthPlace[r] ?? -1, strict)) return false
    if (!passesMask(f.detentionPlaces, this.detentionPlace[r] ?? -1, strict)) return false
    return passesMask(f.sources, this.sourceKind[r] ?? -1, strict)
  }

  private collectCandidates(
    sources: CandidateSource[],
    gen: number,
    filter: CompiledFilter | null,
    wanted: number,
  ): number[] {
    const order = sources
      .map((_, j) => j)
      .sort((a, b) => (sources[a]?.size ?? 0) - (sources[b]?.size ?? 0) || a - b)
    const out: number[] = []
    const take = (r: number): void => {
      if (out.length >= MAX_CANDIDATES || this.recordMark[r] === gen || this.live[r] !== 1) return
      this.recordMark[r] = gen
      if (filter === null || this.passes(r, filter)) out.push(r)
    }
    let budget = 0
    let used = 0
    const selective = Math.max(SELECTIVE_MIN_POSTINGS, this.liveCount * SELECTIVE_SHARE)
    for (const j of order) {
      const source = sources[j]
      if (source === undefined || source.size === 0) continue
      // After the rarest token, only further selective tokens widen the union: records that
      // match a common given name alone would rarely make the top and cost latency.
      if (used > 0 && (budget + source.size > MAX_CANDIDATE_POSTINGS || source.size > selective)) {
        break
      }
      budget += source.size
      used++
      const second = sources[order.find((k) => k !== j && (sources[k]?.size ?? 0) > 0) ?? -1]
      if (used === 1 && source.size > MAX_CANDIDATE_POSTINGS && second !== undefined) {
        // Every token is common (محمد أحمد): intersect the two rarest instead of a union —
        // first on exact/variant matches only, widening when that finds too few.
        this.intersectInto(source.primary, second.primary, gen, take)
        if (out.length < wanted) this.intersectInto(source.vocab, second.vocab, gen, take)
        return out
      }
      for (const v of source.vocab) {
        const list = this.postings[v]
        const len = this.postingLength[v] ?? 0
        if (list === undefined) continue
        for (let p = 0; p < len; p++) take(list[p] ?? 0)
      }
    }
    return out
  }

  private intersectInto(a: number[], b: number[], gen: number, take: (r: number) => void): void {
    // Mark A's records with -gen (leaving those already taken), then take B's marked ones.
    const mark = -gen
    const marks = this.recordMark
    for (const v of a) {
      const list = this.postings[v]
      const len = this.postingLength[v] ?? 0
      if (list === undefined) continue
      for (let p = 0; p < len; p++) {
        const r = list[p] ?? 0
        if (marks[r] !== gen) marks[r] = mark
      }
    }
    for (const v of b) {
      const list = this.postings[v]
      const len = this.postingLength[v] ?? 0
      if (list === undefined) continue
      for (let p = 0; p < len; p++) {
        const r = list[p] ?? 0
        if (marks[r] === mark) {
          marks[r] = 0
          take(r)
        }
      }
    }
  }

  /**
   * The hot loop: score every candidate. Written flat with local array references (no
   * per-candidate call, no destructuring) because it runs for tens of thousands of
   * candidates per query; a record whose query tokens compete for one name token falls
   * back to scoreRecord's one-to-one assignment.
   */
  private scoreCandidates(
    candidates: number[],
    plan: QueryPlan,
    scores: Float64Array,
    scratch: AssignmentScratch,
  ): void {
    const recTokens = this.recTokens
    const recParts = this.recParts
    const tokenStart = this.tokenStart
    const vocabMark = this.vocabMark
    const vocabHead = this.vocabHead
    const gen = plan.gen
    const entryQuery = Int32Array.from(plan.entryQuery)
    const entryNext = Int32Array.from(plan.entryNext)
    const entryGain = Float64Array.from(plan.entryGain)
    const qn = plan.tokens.length
    const last = qn - 1
    const bestGain = new Float64Array(qn)
    const bestToken = new Int32Array(qn)
    const inverseWeightSum = plan.weightSum > 0 ? 1 / plan.weightSum : 0
    for (let c = 0; c < candidates.length; c++) {
      const r = candidates[c] ?? 0
      const start = tokenStart[r] ?? 0
      const end = tokenStart[r + 1] ?? 0
      for (let j = 0; j < qn; j++) {
        bestGain[j] = 0
        bestToken[j] = -1
      }
      for (let t = start; t < end; t++) {
        const v = recTokens[t] ?? 0
        if (vocabMark[v] !== gen) continue
        const base = (recParts[t] ?? 0) & 7
        const factor = base === PART_MOTHER || base === PART_MOTHER_FAMILY ? MOTHER_PART_FACTOR : 1
        for (let e = vocabHead[v] ?? -1; e !== -1; e = entryNext[e] ?? -1) {
          const j = entryQuery[e] ?? 0
          const gain = (entryGain[e] ?? 0) * factor
          if (gain > (bestGain[j] ?? 0)) {
            bestGain[j] = gain
            bestToken[j] = t
          }
        }
      }
      let total = 0
      let conflict = false
      for (let j = 0; j < qn; j++) {
        total += bestGain[j] ?? 0
        const t = bestToken[j] ?? -1
        if (t >= 0) for (let k = 0; k < j; k++) if (bestToken[k] === t) conflict = true
      }
      if (conflict) {
        scores[c] = this.scoreRecord(r, plan, scratch, null)
        continue
      }
      let score = total * inverseWeightSum
      if (last > 0) {
        let roles = 0
        for (let j = 0; j < qn; j++) {
          const t = bestToken[j] ?? -1
          if (t < 0) continue
          const part = (recParts[t] ?? 0) & 7
          if (part === PART_FIRST) roles |= 1
          else if (part === PART_FAMILY) roles |= 2
        }
        if (roles === 3) score += ROLE_BONUS
        const t0 = bestToken[0] ?? -1
        const tl = bestToken[last] ?? -1
        if (
          t0 >= 0 &&
          tl >= 0 &&
          ((recParts[t0] ?? 0) & 7) === PART_FIRST &&
          ((recParts[tl] ?? 0) & 7) === PART_FAMILY
        ) {
          score += ORDER_BONUS
        }
      }
      scores[c] = score
    }
  }

  private scoreRecord(
    r: number,
    plan: QueryPlan,
    s: AssignmentScratch,
    reasons: (SearchMatchReason | undefined)[] | null,
  ): number {
    const start = this.tokenStart[r] ?? 0
    const end = this.tokenStart[r + 1] ?? 0
    const { gen, entryQuery, entryGain, entryNext, bestGain, bestToken } = plan
    const qn = bestGain.length
    for (let j = 0; j < qn; j++) {
      bestGain[j] = 0
      bestToken[j] = -1
    }
    // Fast path: each query token takes its best name token; only when two query tokens want
    // the same name token does the greedy one-to-one assignment below run.
    for (let t = start; t < end; t++) {
      const v = this.recTokens[t] ?? 0
      if (this.vocabMark[v] !== gen) continue
      const base = (this.recParts[t] ?? 0) & 7
      const factor = base === PART_MOTHER || base === PART_MOTHER_FAMILY ? MOTHER_PART_FACTOR : 1
      for (let e = this.vocabHead[v] ?? -1; e !== -1; e = entryNext[e] ?? -1) {
        const j = entryQuery[e] ?? 0
        const gain = (entryGain[e] ?? 0) * factor
        if (gain > (bestGain[j] ?? 0)) {
          bestGain[j] = gain
          bestToken[j] = t
        }
      }
    }
    let conflict = false
    for (let j = 1; j < qn && !conflict; j++) {
      const t = bestToken[j] ?? -1
      if (t < 0) continue
      for (let k = 0; k < j; k++) if (bestToken[k] === t) conflict = true
    }
    const lastQuery = qn - 1
    let total = 0
    let firstPart = -1
    let lastPart = -1
    let roles = 0
    if (!conflict && reasons === null) {
      for (let j = 0; j < qn; j++) total += bestGain[j] ?? 0
      const t0 = bestToken[0] ?? -1
      const tl = bestToken[lastQuery] ?? -1
      if (t0 >= 0) firstPart = (this.recParts[t0] ?? 0) & 7
      if (tl >= 0) lastPart = (this.recParts[tl] ?? 0) & 7
      for (let j = 0; j < qn; j++) {
        const t = bestToken[j] ?? -1
        if (t >= 0) roles |= roleBitOf((this.recParts[t] ?? 0) & 7)
      }
    } else {
      // Greedy one-to-one: strongest pairs first, a name token serves one query token only
      // (otherwise "محمد محمد" would score twice on a lone محمد).
      s.count = 0
      for (let t = start; t < end; t++) {
        const v = this.recTokens[t] ?? 0
        if (this.vocabMark[v] !== gen) continue
        const base = (this.recParts[t] ?? 0) & 7
        const factor = base === PART_MOTHER || base === PART_MOTHER_FAMILY ? MOTHER_PART_FACTOR : 1
        for (let e = this.vocabHead[v] ?? -1; e !== -1; e = entryNext[e] ?? -1) {
          s.push(
            entryQuery[e] ?? 0,
            t,
            plan.entryLevel[e] ?? LEVEL_PREFIX,
            (entryGain[e] ?? 0) * factor,
          )
        }
      }
      s.sortByGainDescending()
      s.resetUse(qn, end - start)
      for (let k = 0; k < s.count; k++) {
        const j = s.query[k] ?? 0
        const t = s.token[k] ?? 0
        if (s.queryUsed[j] === 1 || s.tokenUsed[t - start] === 1) continue
        s.queryUsed[j] = 1
        s.tokenUsed[t - start] = 1
        total += s.gain[k] ?? 0
        const rawPart = this.recParts[t] ?? 0
        const part = rawPart & 7
        if (j === 0) firstPart = part
        if (j === lastQuery) lastPart = part
        roles |= roleBitOf(part)
        if (reasons !== null) {
          reasons[j] = {
            query: plan.tokens[j] ?? '',
            token: this.vocabText[this.recTokens[t] ?? 0] ?? '',
            part: (rawPart & FROM_FULL) !== 0 ? 'full_name' : (PART_NAMES[part] ?? 'full_name'),
            level: SEARCH_MATCH_LEVELS[s.level[k] ?? LEVEL_PREFIX] ?? 'prefix',
          }
        }
      }
    }
    let score = plan.weightSum > 0 ? total / plan.weightSum : 0
    if (lastQuery > 0 && roles === 3) score += ROLE_BONUS
    if (lastQuery > 0 && firstPart === PART_FIRST && lastPart === PART_FAMILY) score += ORDER_BONUS
    return score
  }

  /** Best name-engine similarity of the query with the record's name in common shapes. */
  private compareWithRecord(queryText: string, r: number, cache: Map<string, number>): number {
    const start = this.tokenStart[r] ?? 0
    const end = this.tokenStart[r + 1] ?? 0
    const byPart: string[][] = [[], [], [], [], [], [], []]
    for (let t = start; t < end; t++) {
      const part = (this.recParts[t] ?? 0) & 7
      byPart[part]?.push(this.vocabText[this.recTokens[t] ?? 0] ?? '')
    }
    const [first = [], father = [], grandfather = [], family = [], , , other = []] = byPart
    // Two shapes: what families type (first + family) and the whole chain.
    const short = [...first, ...family].join(' ')
    const chain = [...first, ...father, ...grandfather, ...family, ...other].join(' ')
    let best = 0
    for (const shape of short === chain ? [short] : [short, chain]) {
      if (shape === '') continue
      // Common names repeat among candidates: compare each distinct shape once per query.
      let value = cache.get(shape)
      if (value === undefined) {
        const c = compareNames(queryText, shape)
        value = (NAME_COMPARE_QUALITY[c.level] + c.similarity) / 2
        cache.set(shape, value)
      }
      if (value > best) best = value
    }
    return best
  }
}

/** Where one query token's candidates come from. */
interface CandidateSource {
  /** Vocabulary tokens matched at exact/variant level. */
  primary: number[]
  /** Vocabulary tokens whose postings feed the candidates (strong + rare weak matches). */
  vocab: number[]
  /** Postings behind `vocab`. */
  size: number
  /** Postings behind the strong matches (else the weak ones): the IDF basis. */
  df: number
}

/** Per-search state shared by candidate scoring (entries: one per query token × vocab token). */
interface QueryPlan {
  gen: number
  tokens: string[]
  entryQuery: number[]
  entryLevel: number[]
  entryNext: number[]
  /** Level quality × query-token weight, per entry. */
  entryGain: number[]
  weightSum: number
  bestGain: Float64Array
  bestToken: Int32Array
}

/** 1 for a first name, 2 for a family name, 0 otherwise (see ROLE_BONUS). */
function roleBitOf(part: number): number {
  return part === PART_FIRST ? 1 : part === PART_FAMILY ? 2 : 0
}

interface CompiledFilter {
  sex: number
  yearFrom: number
  yearTo: number
  birthPlaces: Uint8Array | null
  detentionPlaces: Uint8Array | null
  sources: Uint8Array | null
  excludeUnknown: boolean
}

function passesMask(mask: Uint8Array | null, value: number, strict: boolean): boolean {
  if (mask === null) return true
  if (value < 0) return !strict
  return mask[value] === 1
}

/** Reusable buffers for the per-record token assignment (no allocation per candidate). */
class AssignmentScratch {
  count = 0
  query = new Int32Array(64)
  token = new Int32Array(64)
  level = new Int32Array(64)
  gain = new Float64Array(64)
  queryUsed: Uint8Array
  tokenUsed = new Uint8Array(64)

  constructor(queryTokens: number) {
    this.queryUsed = new Uint8Array(queryTokens)
  }

  push(j: number, t: number, level: number, gain: number): void {
    if (this.count === this.query.length) {
      const size = this.count * 2
      this.query = ensureCapacity(this.query, size, Int32Array)
      this.token = ensureCapacity(this.token, size, Int32Array)
      this.level = ensureCapacity(this.level, size, Int32Array)
      this.gain = ensureCapacity(this.gain, size, Float64Array)
    }
    this.query[this.count] = j
    this.token[this.count] = t
    this.level[this.count] = level
    this.gain[this.count] = gain
    this.count++
  }

  /** Insertion sort (a handful of pairs), gain descending, then query, then token order. */
  sortByGainDescending(): void {
    for (let i = 1; i < this.count; i++) {
      const j0 = this.query[i] ?? 0
      const t0 = this.token[i] ?? 0
      const l0 = this.level[i] ?? 0
      const g0 = this.gain[i] ?? 0
      let k = i - 1
      while (k >= 0) {
        const g = this.gain[k] ?? 0
        const before =
          g > g0 ||
          (g === g0 &&
            ((this.query[k] ?? 0) < j0 ||
              ((this.query[k] ?? 0) === j0 && (this.token[k] ?? 0) <= t0)))
        if (before) break
        this.query[k + 1] = this.query[k] ?? 0
        this.token[k + 1] = this.token[k] ?? 0
        this.level[k + 1] = this.level[k] ?? 0
        this.gain[k + 1] = g
        k--
      }
      this.query[k + 1] = j0
      this.token[k + 1] = t0
      this.level[k + 1] = l0
      this.gain[k + 1] = g0
    }
  }

  resetUse(queryTokens: number, recordTokens: number): void {
    for (let j = 0; j < queryTokens; j++) this.queryUsed[j] = 0
    if (this.tokenUsed.length < recordTokens) this.tokenUsed = new Uint8Array(recordTokens * 2)
    for (let t = 0; t < recordTokens; t++) this.tokenUsed[t] = 0
  }
}

/** Indices of the `k` best candidates by score, ties broken by record id (deterministic). */
function selectTop(
  candidates: number[],
  scores: Float64Array,
  k: number,
  recordIds: string[],
): number[] {
  const better = (a: number, b: number): boolean => {
    const sa = scores[a] ?? 0
    const sb = scores[b] ?? 0
    if (sa !== sb) return sa > sb
    return (recordIds[candidates[a] ?? 0] ?? '') < (recordIds[candidates[b] ?? 0] ?? '')
  }
  // Min-heap of size k over candidate positions: the root is the worst kept.
  const heap: number[] = []
  const siftUp = (i: number): void => {
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!better(heap[p] ?? 0, heap[i] ?? 0)) break
      ;[heap[p], heap[i]] = [heap[i] ?? 0, heap[p] ?? 0]
      i = p
    }
  }
  const siftDown = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let worst = i
      if (l < heap.length && better(heap[worst] ?? 0, heap[l] ?? 0)) worst = l
      if (r < heap.length && better(heap[worst] ?? 0, heap[r] ?? 0)) worst = r
      if (worst === i) return
      ;[heap[worst], heap[i]] = [heap[i] ?? 0, heap[worst] ?? 0]
      i = worst
    }
  }
  for (let c = 0; c < candidates.length; c++) {
    if (heap.length < k) {
      heap.push(c)
      siftUp(heap.length - 1)
    } else if (better(c, heap[0] ?? 0)) {
      heap[0] = c
      siftDown(0)
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0))
}
