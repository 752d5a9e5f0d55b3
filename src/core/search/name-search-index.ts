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
import { crossScriptKey, nameTokens, ocrKey, parseFullName, variantGroup } from '../names/index.js'
import type { NameMatchLevel, PreparedName } from '../names/index.js'
import { prepareName } from '../names/index.js'
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
// Bits of a part code (with FROM_FULL) in a packed record token (vocabulary ids < 2^27).
const PACKED_PART_BITS = 4

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
// How far the re-rank can move a record, in index score: (1 − w)·base + w·similarity with
// similarity in 0..1 gains at most w / (1 − w) of base over a record it passes. Plus slack for
// the rounding of final scores to 6 decimals.
const RERANK_REACH = RERANK_WEIGHT / (1 - RERANK_WEIGHT) + 1e-5
// Slack, in final score, for a bound computed from the index score (rounding of finals to 6
// decimals, summation order).
const RERANK_SLACK = 2e-6
// Candidates re-ranked with compareNames (the rest keep their index order below them). The
// depth sets how many records retrieval must find (its heap), so it sets how far pruning can
// go. On the 1M bench's 2,000 queries (same process, queries interleaved): 50 → 30 cut the
// CPU per query by 21% (records scored 1,648 → 1,281) for the same recall@10 (40.4%) and mean
// reciprocal rank of the right person (0.2272 → 0.2275); the top 10 changed on 117 queries,
// mostly in the order of tied or near-tied records. 25 loses 0.4 points of recall.
const DEFAULT_RERANK_DEPTH = 30
// When the rarest query token reaches at least this many postings and the next one at most
// CONJUNCTIVE_MAX_RATIO times as many (محمد أحمد, محمد الحسين), the two are intersected before
// anything is scored: marking or skipping a posting costs a few ns, scoring a record about
// 300 (its tokens sit elsewhere in memory). On the 1M bench's queries a ratio of 100 scores
// 13% fewer records than 10 for about the same CPU (−2%, both versions in one process with
// the queries interleaved), and the same answers bar two at the scoring cap.
const CONJUNCTIVE_MIN_POSTINGS = 1000
// Map lookups allowed to find a two-name query's pair postings (see pairPostingsOf).
const PAIR_LOOKUP_LIMIT = 4000
const CONJUNCTIVE_MAX_RATIO = 100
// Records scored together in a walk (flushBatch): their tokens are fetched from memory in
// parallel. On the 1M bench's queries 16, 32 and 64 cut the CPU per query by 12–16% (both
// versions in one process, queries interleaved, same answers).
const BATCH = 32
// Scores and bounds are sums of the same terms in another order: rounding slack.
const BOUND_EPSILON = 1e-9
// Some queries cannot be pruned: a lone common name (محمد), or one that fits thousands of
// records equally well (محمد المحمد: the tie is broken by record id, so every tied record
// must be seen). At most this many records are scored per query — a latency bound; past it
// the answer is approximate (the best among the records scored, rarest lists first).
// Measured on the 1M bench's 2,000 queries, same run (docs/benchmarks-search.md): a cap of
// 20,000 → 10,000 scores 24% fewer records per query for recall@10 40.4% → 40.2%; 5,000
// would halve them but costs 1.3 points of recall (5.6 on partially typed names).
export const SEARCH_SCORING_CAP = 10_000

// Skeletons shorter than this get no typing-error expansion: short names are one edit apart
// from other common names (mhmd محمد / 'hmd أحمد / mhnd مهند on the name engine's skeletons).
const MIN_CLOSE_SKELETON = 5
// Raw name strings seen often (first names) are tokenised once; the cache is cleared when big.
const TOKEN_CACHE_LIMIT = 200_000
// Query tokens whose expansion is kept (a few hundred bytes each).
const EXPANSION_CACHE_LIMIT = 20_000

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
  // Records [0, sortedPrefix) were added in increasing record id order (the server builds its
  // index from the database in id order): among them position order is tie order, which lets
  // retrieval skip the ties that could not displace the records already kept (retrieveTop).
  private sortedPrefix = 0
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
  // Both again in one word (vocabulary id << 4 | part code) for the scoring hot path: a
  // record met in a posting list is scored with one memory read per token instead of two.
  private recPacked = new Int32Array(8192)
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
  // Pair postings: the records with vocabulary token f in a first-name part and g in a
  // family-name part, keyed f, then g (see retrieveTop: only such records can earn the role
  // and order bonuses of a two-name query).
  private pairSlot = new Map<number, Map<number, number>>()
  private pairLists: Int32Array[] = []
  private pairLength: number[] = []
  // Query token → its expansion: محمد or Mohammad come back in query after query. Emptied
  // whenever the vocabulary grows (a new token may match), which stops once data is loaded.
  private expansionCache = new Map<string, ReadonlyMap<number, number>>()

  // ---- small intern tables ----
  private placeKeys: string[] = []
  private placeIndexByRawText = new Map<string, number>()
  private placeIndexByKey = new Map<string, number>()
  private sourceKinds: string[] = []
  private sourceIndexByKind = new Map<string, number>()

  // ---- per-search scratch (stamped, never cleared) ----
  private generation = 0
  // One bit per record, cleared per search: met already, and in the intersection's first
  // side. Bits rather than per-record stamps: 125 KB for a million records stays in the CPU
  // cache while posting lists of 100,000 records are walked in random order of memory.
  private seenBits = new Uint32Array(32)
  private batch = new Int32Array(BATCH)
  /** Written by flushBatch so that its prefetching loads are not optimised away. */
  touched = 0
  private sideBits = new Uint32Array(32)
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
    this.seenBits = ensureCapacity(this.seenBits, (cap >>> 5) + 1, Uint32Array)
    this.sideBits = ensureCapacity(this.sideBits, (cap >>> 5) + 1, Uint32Array)

    if (
      this.sortedPrefix === id &&
      (id === 0 || (this.recordIds[id - 1] ?? '') < record.record_id)
    ) {
      this.sortedPrefix = id + 1
    }
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
    this.indexPairs(id)
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
      this.recPacked.byteLength +
      this.docFreq.byteLength +
      this.postingLength.byteLength +
      this.seenBits.byteLength +
      this.sideBits.byteLength +
      this.vocabMark.byteLength +
      this.vocabHead.byteLength +
      this.postings.reduce((s, p) => s + p.byteLength, 0) +
      this.pairLists.reduce((s, p) => s + p.byteLength, 0)
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
    //    or when nothing matched strongly (a partial or misspelt name). Weak matches that do
    //    not feed still count in scoring.
    const entryQuery: number[] = []
    const entryLevel: number[] = []
    const entryNext: number[] = []
    const tokenSources: CandidateSource[] = []
    const expansions: ReadonlyMap<number, number>[] = []
    const bestQuality: number[] = []
    const outsideQuality: number[] = []
    for (let j = 0; j < q.length; j++) {
      const levels = this.expandToken(q[j] ?? '')
      expansions.push(levels)
      const strong: number[] = []
      const weak: number[] = []
      let strongDf = 0
      let weakDf = 0
      let best = 0
      for (const [v, level] of levels) {
        const df = this.docFreq[v] ?? 0
        if (level <= LEVEL_OCR) {
          strong.push(v)
          strongDf += df
        } else {
          weak.push(v)
          weakDf += df
        }
        best = Math.max(best, LEVEL_QUALITY[level] ?? 0)
        const e = entryQuery.length
        entryQuery.push(j)
        entryLevel.push(level)
        entryNext.push(this.vocabMark[v] === gen ? (this.vocabHead[v] ?? -1) : -1)
        this.vocabMark[v] = gen
        this.vocabHead[v] = e
      }
      const fed = strong.map((v) => ({ v, level: levels.get(v) ?? LEVEL_PREFIX }))
      let size = strongDf
      let outside = 0
      for (const v of weak) {
        const df = this.docFreq[v] ?? 0
        const level = levels.get(v) ?? LEVEL_PREFIX
        if (strongDf === 0 || df <= strongDf) {
          fed.push({ v, level })
          size += df
        } else {
          outside = Math.max(outside, LEVEL_QUALITY[level] ?? 0)
        }
      }
      // Best level first: pruning may stop before a token's weakest lists.
      fed.sort((x, y) => x.level - y.level)
      tokenSources.push({
        vocab: fed.map((f) => f.v),
        quality: fed.map((f) => LEVEL_QUALITY[f.level] ?? 0),
        size,
        df: strongDf > 0 ? strongDf : weakDf,
      })
      bestQuality.push(best)
      outsideQuality.push(outside)
    }

    // 2. IDF weight per query token: a token matching many records (محمد) weighs little.
    const n = Math.max(1, this.liveCount)
    const weights = tokenSources.map(({ df }) =>
      Math.max(0.05, Math.log(1 + n / (1 + Math.min(df, n)))),
    )
    const weightSum = weights.reduce((a, b) => a + b, 0)

    // 3. Retrieve the best `rerankDepth` records by index score: posting lists rarest first,
    //    each new record scored from its own tokens, stopping once no unseen record can
    //    still reach the k-th best (see retrieveTop).
    const inverseWeightSum = weightSum > 0 ? 1 / weightSum : 0
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
      fastQuery: Int32Array.from(entryQuery),
      fastNext: Int32Array.from(entryNext),
      fastGain: Float64Array.from(entryQuery, (j, e) => {
        return (LEVEL_QUALITY[entryLevel[e] ?? LEVEL_PREFIX] ?? 0) * (weights[j] ?? 0)
      }),
      maxGain: bestQuality.map((quality, j) => quality * (weights[j] ?? 0) * inverseWeightSum),
      outsideGain: outsideQuality.map(
        (quality, j) => quality * (weights[j] ?? 0) * inverseWeightSum,
      ),
      weights: weights.map((w) => w * inverseWeightSum),
      bonus: q.length > 1 ? ROLE_BONUS + ORDER_BONUS : 0,
      expansions,
    }
    const filter = this.compileFilters(options.filters)
    const top = new TopK(rerankDepth, limit, this.recordIds, this.sortedPrefix)
    const scratch = new AssignmentScratch(q.length)
    const scored =
      options.pruning === false
        ? this.scoreEverything(tokenSources, plan, filter, top, scratch)
        : this.retrieveTop(tokenSources, plan, filter, top, scratch)

    // 4. Re-rank the retrieved few with the name engine, then cut to the limit.
    const hits: SearchHit[] = []
    const query = prepareName(q.join(' '))
    const compareCache = new Map<string, number>()
    // A record further than RERANK_REACH below the limit-th best cannot be returned: it is
    // not worth a name comparison.
    const entries = top.entries()
    const reach = (entries[limit - 1]?.score ?? -Infinity) - RERANK_REACH
    // The limit-th best final score so far: entries come best index score first, so once
    // one could not reach it even with a perfect name comparison, none after it can.
    const kept = new LimitFloor(limit)
    const ranked: { r: number; score: number }[] = []
    for (const { record: r, score: indexScore } of entries) {
      if (indexScore < reach) break
      const best = (1 - RERANK_WEIGHT) * indexScore + RERANK_WEIGHT
      if (best + RERANK_SLACK < kept.value()) break
      const refined =
        (1 - RERANK_WEIGHT) * indexScore +
        RERANK_WEIGHT * this.compareWithRecord(query, r, compareCache)
      const score = Math.round(refined * 1e6) / 1e6
      if (score < minScore) continue
      kept.offer(score)
      ranked.push({ r, score })
    }
    ranked.sort((a, b) => b.score - a.score || this.compareRecordIds(a.r, b.r))
    // Why each returned record matched (the one-to-one assignment of query to name tokens).
    for (const { r, score } of ranked.slice(0, limit)) {
      const reasons: (SearchMatchReason | undefined)[] = []
      this.scoreRecord(r, plan, scratch, reasons)
      const matched = reasons.filter((m): m is SearchMatchReason => m !== undefined)
      hits.push({ recordId: this.recordIds[r] ?? '', score, matched })
    }
    return { rejected: false, hits, limit, candidates: scored }
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

  /** Add the record to the pair postings of each (first-name, family-name) token pair. */
  private indexPairs(id: number): void {
    const start = this.tokenStart[id] ?? 0
    const end = this.tokenStart[id + 1] ?? 0
    for (let a = start; a < end; a++) {
      if (((this.recParts[a] ?? 0) & 7) !== PART_FIRST) continue
      const f = this.recTokens[a] ?? 0
      for (let b = start; b < end; b++) {
        if (((this.recParts[b] ?? 0) & 7) !== PART_FAMILY) continue
        const g = this.recTokens[b] ?? 0
        let byFamily = this.pairSlot.get(f)
        if (byFamily === undefined) {
          byFamily = new Map()
          this.pairSlot.set(f, byFamily)
        }
        let slot = byFamily.get(g)
        if (slot === undefined) {
          slot = this.pairLists.length
          byFamily.set(g, slot)
          this.pairLists.push(new Int32Array(2))
          this.pairLength.push(0)
        }
        const len = this.pairLength[slot] ?? 0
        // One posting per record and pair (a name repeated in a part, or read twice).
        if (len > 0 && this.pairLists[slot]?.[len - 1] === id) continue
        const list = ensureCapacity(this.pairLists[slot] ?? new Int32Array(2), len + 1, Int32Array)
        list[len] = id
        this.pairLists[slot] = list
        this.pairLength[slot] = len + 1
      }
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
    this.recPacked = ensureCapacity(this.recPacked, this.tokenCount + 1, Int32Array)
    const repeated = this.tokenRepeats(recordStart, this.tokenCount, v)
    this.recTokens[this.tokenCount] = v
    this.recParts[this.tokenCount] = part
    this.recPacked[this.tokenCount] = (v << PACKED_PART_BITS) | part
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
    if (this.expansionCache.size > 0) this.expansionCache.clear()
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
    if (this.generation === 1) this.vocabMark.fill(0)
    this.seenBits.fill(0)
    this.sideBits.fill(0)
    return this.generation
  }

  /** Vocabulary tokens a query token matches, each with its strongest level (cached). */
  private expandToken(token: string): ReadonlyMap<number, number> {
    const cached = this.expansionCache.get(token)
    if (cached !== undefined) return cached
    const found = this.expandUncached(token)
    if (this.expansionCache.size >= EXPANSION_CACHE_LIMIT) this.expansionCache.clear()
    this.expansionCache.set(token, found)
    return found
  }

  private expandUncached(token: string): Map<number, number> {
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
    // No filter at all (the HTTP route passes `{}` when none is given): no per-posting check.
    if (
      filters === undefined ||
      (filters.sex === undefined &&
        filters.birthYearFrom === undefined &&
        filters.birthYearTo === undefined &&
        filters.birthPlace === undefined &&
        filters.sourceKind === undefined &&
        filters.detentionPlace === undefined)
    ) {
      return null
    }
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

  /**
   * Top-k retrieval (MaxScore-style pruning, Turtle & Flood 1995). Query tokens are walked
   * rarest first, and each token's posting lists best level first; every record met for the
   * first time is scored exactly from its own tokens (scoreOne) and offered to a bounded heap.
   * Before each list, the walk asks what a record not met yet could still score: for each
   * query token, the gain of its next unwalked list (or, once all are walked, of its matches
   * that feed no candidates), plus the order/role bonus. Once that bound falls below what the
   * heap needs (TopK.threshold), no unseen record can change the answer and the walk stops:
   * محمد (one man in seven) is then never walked, only met in the records already scored.
   *
   * When even the rarest token is common (محمد أحمد, or a family name shared by thousands),
   * the two rarest are intersected first (marking a posting costs a few ns, scoring a record
   * far more: its tokens sit elsewhere in memory); the records in one list only are scored
   * afterwards unless their own bound already falls below the threshold.
   *
   * The answer is the one scoring every record of every feeding list gives (scoreEverything),
   * ties included, unless SEARCH_SCORING_CAP records get scored first. Returns the number scored.
   */
  private retrieveTop(
    sources: CandidateSource[],
    plan: QueryPlan,
    filter: CompiledFilter | null,
    top: TopK,
    scratch: AssignmentScratch,
  ): number {
    const qn = sources.length
    const size = (j: number): number => sources[j]?.size ?? 0
    const order = sources
      .map((_, j) => j)
      .filter((j) => size(j) > 0)
      .sort((a, b) => size(a) - size(b) || a - b)
    // cursor[j]: how many of token j's lists (best level first) are fully walked.
    const cursor = new Int32Array(qn)
    const remaining = (j: number): number => {
      const source = sources[j]
      const outside = plan.outsideGain[j] ?? 0
      if (source === undefined || (cursor[j] ?? 0) >= source.vocab.length) return outside
      const next = (source.quality[cursor[j] ?? 0] ?? 0) * (plan.weights[j] ?? 0)
      return Math.max(outside, next)
    }
    // Once the pair postings are walked (below), no unseen record scores above `ceiling`.
    let ceiling = Infinity
    const unseenBound = (): number => {
      let bound = plan.bonus
      for (let j = 0; j < qn; j++) bound += remaining(j)
      return bound
    }
    const beaten = (bound: number): boolean => bound + BOUND_EPSILON < top.threshold()
    const walk: WalkState = { plan, filter, top, scratch, scored: 0, cap: SEARCH_SCORING_CAP }
    let next = 0
    const a = order[0]
    const b = order[1]
    if (qn === 2 && a !== undefined && size(a) >= CONJUNCTIVE_MIN_POSTINGS) {
      // Both names common (محمد المحمد, علي العلي): first the records that hold one as a
      // first name and the other as a family name (pair postings), best pair of levels first.
      // Only they can earn the role and order bonuses: once the heap needs more than the next
      // pair list can give and more than any other record can score without a bonus, the
      // walk is over, and the long single-name lists are never opened.
      const others = unseenBound() - plan.bonus
      const pairs = this.pairPostingsOf(plan, others)
      if (pairs !== undefined) {
        for (const pair of pairs) {
          if (beaten(pair.gain) || walk.scored >= walk.cap) break
          this.walkLists(pair.lists, pair.lengths, false, pair.gain, walk)
        }
        if (beaten(others) || walk.scored >= walk.cap) return walk.scored
        // Every record that could earn a bonus above what the others can score has been met:
        // no record left can score more than `others`.
        ceiling = others
      }
    }
    if (
      a !== undefined &&
      b !== undefined &&
      size(a) >= CONJUNCTIVE_MIN_POSTINGS &&
      size(b) <= CONJUNCTIVE_MAX_RATIO * size(a)
    ) {
      const sa = sources[a]
      const sb = sources[b]
      if (sa !== undefined && sb !== undefined) {
        this.markPostings(sa.vocab)
        this.walkPostings(sb.vocab, true, Math.min(ceiling, unseenBound()), walk)
        // A record in one list only misses the other token (bar its non-feeding matches).
        const rest = unseenBound() - remaining(a) - remaining(b)
        const outA = plan.outsideGain[a] ?? 0
        const outB = plan.outsideGain[b] ?? 0
        for (let i = 0; i < sa.vocab.length; i++) {
          const gain = (sa.quality[i] ?? 0) * (plan.weights[a] ?? 0)
          const bound = Math.min(ceiling, rest + Math.max(gain, outA) + outB)
          if (beaten(bound)) break
          this.walkPostings([sa.vocab[i] ?? 0], false, bound, walk)
        }
        for (let i = 0; i < sb.vocab.length; i++) {
          const gain = (sb.quality[i] ?? 0) * (plan.weights[b] ?? 0)
          const bound = Math.min(ceiling, rest + outA + Math.max(gain, outB))
          if (beaten(bound)) break
          this.walkPostings([sb.vocab[i] ?? 0], false, bound, walk)
        }
        cursor[a] = sa.vocab.length
        cursor[b] = sb.vocab.length
        next = 2
      }
    }
    for (; next < order.length; next++) {
      const j = order[next] ?? 0
      const lists = sources[j]?.vocab ?? []
      for (; (cursor[j] ?? 0) < lists.length; cursor[j] = (cursor[j] ?? 0) + 1) {
        const bound = Math.min(ceiling, unseenBound())
        if (beaten(bound) || walk.scored >= walk.cap) return walk.scored
        const v = lists[cursor[j] ?? 0] ?? 0
        this.walkPostings([v], false, bound, walk)
      }
    }
    return walk.scored
  }

  /**
   * The pair posting lists of a two-name query, in both roles (either name typed first), each
   * with the most its records can score (levels × weights, plus the bonuses the roles earn),
   * best first; undefined when finding them would take more than PAIR_LOOKUP_LIMIT map
   * lookups (partial names match hundreds of tokens: the single-name walk is cheaper then).
   */
  private pairPostingsOf(
    plan: QueryPlan,
    others: number,
  ): { lists: Int32Array[]; lengths: number[]; gain: number }[] | undefined {
    const x = plan.expansions[0]
    const y = plan.expansions[1]
    if (x === undefined || y === undefined) return undefined
    const wx = plan.weights[0] ?? 0
    const wy = plan.weights[1] ?? 0
    const gainOf = new Map<number, number>()
    let lookups = 0
    // Typed order (first name, then family name): both bonuses; the other way round: the role
    // bonus only.
    const orientations = [
      { first: x, family: y, firstWeight: wx, familyWeight: wy, bonus: ROLE_BONUS + ORDER_BONUS },
      { first: y, family: x, firstWeight: wy, familyWeight: wx, bonus: ROLE_BONUS },
    ]
    // A pair list matters only if its records can score more than `others`: strong levels
    // on both names (a close or prefix match cannot make up for its level with a bonus).
    const strongest = (m: ReadonlyMap<number, number>): number => {
      let best = LEVEL_PREFIX
      for (const level of m.values()) if (level < best) best = level
      return LEVEL_QUALITY[best] ?? 0
    }
    for (const o of orientations) {
      const maxFirst = strongest(o.first) * o.firstWeight
      const maxFamily = strongest(o.family) * o.familyWeight
      const family = new Map<number, number>()
      for (const [g, level] of o.family) {
        const gain = (LEVEL_QUALITY[level] ?? 0) * o.familyWeight
        if (maxFirst + gain + o.bonus > others + BOUND_EPSILON) family.set(g, gain)
      }
      for (const [f, firstLevel] of o.first) {
        const firstGain = (LEVEL_QUALITY[firstLevel] ?? 0) * o.firstWeight
        if (firstGain + maxFamily + o.bonus <= others + BOUND_EPSILON) continue
        lookups++
        const byFamily = this.pairSlot.get(f)
        if (byFamily === undefined) continue
        const offer = (slot: number, familyGain: number): void => {
          const gain = firstGain + familyGain + o.bonus
          if (gain > others + BOUND_EPSILON && gain > (gainOf.get(slot) ?? -1)) {
            gainOf.set(slot, gain)
          }
        }
        if (byFamily.size < family.size) {
          lookups += byFamily.size
          for (const [g, slot] of byFamily) {
            const familyGain = family.get(g)
            if (familyGain !== undefined) offer(slot, familyGain)
          }
        } else {
          lookups += family.size
          for (const [g, familyGain] of family) {
            const slot = byFamily.get(g)
            if (slot !== undefined) offer(slot, familyGain)
          }
        }
        if (lookups > PAIR_LOOKUP_LIMIT) return undefined
      }
    }
    // Lists of equal gain are walked together (a walk scores its records in batches).
    const byGain = new Map<number, { lists: Int32Array[]; lengths: number[]; gain: number }>()
    for (const [slot, gain] of gainOf) {
      const list = this.pairLists[slot]
      if (list === undefined) continue
      let group = byGain.get(gain)
      if (group === undefined) {
        group = { lists: [], lengths: [], gain }
        byGain.set(gain, group)
      }
      group.lists.push(list)
      group.lengths.push(this.pairLength[slot] ?? 0)
    }
    return [...byGain.values()].sort((p, q) => q.gain - p.gain)
  }

  /** The reference retrieval: score every record of every feeding posting list, no pruning. */
  private scoreEverything(
    sources: CandidateSource[],
    plan: QueryPlan,
    filter: CompiledFilter | null,
    top: TopK,
    scratch: AssignmentScratch,
  ): number {
    const walk: WalkState = {
      plan,
      filter,
      top,
      scratch,
      scored: 0,
      cap: Number.POSITIVE_INFINITY,
    }
    for (const source of sources) {
      this.walkPostings(source.vocab, false, Infinity, walk)
    }
    return walk.scored
  }

  /** Set the side bit of the records of these posting lists (the intersection's first side). */
  private markPostings(lists: number[]): void {
    const side = this.sideBits
    for (const v of lists) {
      const list = this.postings[v]
      const len = this.postingLength[v] ?? 0
      if (list === undefined) continue
      for (let p = 0; p < len; p++) {
        const r = list[p] ?? 0
        side[r >>> 5] = (side[r >>> 5] ?? 0) | (1 << (r & 31))
      }
    }
  }

  /**
   * Score the records of these posting lists not met yet in this search and offer them to
   * the heap. With `sideOnly`, only records whose side bit is set (the intersection).
   * `bound` is the most any record of these lists not met yet can score. Once the heap's
   * threshold passes it, the rest of the lists cannot matter and the walk returns. Once the
   * threshold only equals it, a record still unseen can enter the heap only by a tie won on
   * record id, i.e. with an id below the worst kept record's: in the sorted prefix, where
   * position order is id order, the walk skips the positions past that id (massive ties
   * such as محمد المحمد, thousands of records on one score, end there).
   */
  private walkPostings(vocab: number[], sideOnly: boolean, bound: number, walk: WalkState): void {
    const lists: Int32Array[] = []
    const lengths: number[] = []
    for (const v of vocab) {
      const list = this.postings[v]
      if (list === undefined) continue
      lists.push(list)
      lengths.push(this.postingLength[v] ?? 0)
    }
    this.walkLists(lists, lengths, sideOnly, bound, walk)
  }

  /** walkPostings over any posting lists (ascending positions): token or pair postings. */
  private walkLists(
    lists: Int32Array[],
    lengths: number[],
    sideOnly: boolean,
    bound: number,
    walk: WalkState,
  ): void {
    const { plan, filter, top, scratch } = walk
    const seen = this.seenBits
    const side = this.sideBits
    const live = this.live
    const sorted = this.sortedPrefix
    // Positions in [cut, sorted) cannot enter the heap (only ties can, and they lose on id).
    let cut = this.tieCut(top, bound)
    const batch = this.batch
    let n = 0
    for (let l = 0; l < lists.length; l++) {
      const list = lists[l]
      const len = lengths[l] ?? 0
      if (list === undefined) continue
      for (let p = 0; p < len; p++) {
        let r = list[p] ?? 0
        if (sideOnly) {
          // Most postings of the larger list are not in the smaller one (53,000 of 55,000
          // walked per query on the 1M bench): pass them in a tight loop before any other
          // check. It cut the CPU per query by 10% (2.06 → 1.85 ms, same answers).
          while (((side[r >>> 5] ?? 0) & (1 << (r & 31))) === 0 && ++p < len) r = list[p] ?? 0
          if (p >= len) break
        }
        if (r >= cut && r < sorted) {
          // Postings are in position order: go on from the first one past the sorted prefix.
          p = firstAtLeast(list, p, len, sorted) - 1
          continue
        }
        const word = r >>> 5
        const bit = 1 << (r & 31)
        const seenWord = seen[word] ?? 0
        if ((seenWord & bit) !== 0) continue
        seen[word] = seenWord | bit
        if (live[r] !== 1 || (filter !== null && !this.passes(r, filter))) continue
        if (walk.scored >= walk.cap) {
          this.flushBatch(batch, n, bound, plan, scratch, top)
          return
        }
        walk.scored++
        batch[n++] = r
        if (n === BATCH) {
          if (this.flushBatch(batch, n, bound, plan, scratch, top)) return
          n = 0
          cut = this.tieCut(top, bound)
        }
      }
    }
    this.flushBatch(batch, n, bound, plan, scratch, top)
  }

  /**
   * Score a batch of records met in a walk and offer them to the heap. Their token ranges
   * are read for the whole batch first: the loads are independent, so the memory system
   * fetches them in parallel instead of one cache miss after another. True once no unseen
   * record can enter the heap (the walk stops).
   */
  private flushBatch(
    batch: Int32Array,
    n: number,
    bound: number,
    plan: QueryPlan,
    scratch: AssignmentScratch,
    top: TopK,
  ): boolean {
    const starts = this.tokenStart
    const packed = this.recPacked
    let touch = 0
    for (let i = 0; i < n; i++) touch |= packed[starts[batch[i] ?? 0] ?? 0] ?? 0
    this.touched = touch
    for (let i = 0; i < n; i++) {
      const r = batch[i] ?? 0
      if (top.offer(r, this.scoreOne(r, plan, scratch))) {
        if (bound + BOUND_EPSILON < top.threshold()) return true
      }
    }
    return false
  }

  /**
   * The first position from which no record of the sorted prefix can enter the heap, given
   * that none unseen scores above `bound`: the heap is full, its worst kept record decides
   * the threshold and scores at least `bound`, so an unseen record needs a tie on that score
   * and a lower record id. Past the sorted prefix (no cut) otherwise.
   */
  private tieCut(top: TopK, bound: number): number {
    const worst = top.worstKept()
    if (worst === undefined || bound > worst.score + BOUND_EPSILON) return this.sortedPrefix
    if (top.limitScore - RERANK_REACH > worst.score) return this.sortedPrefix
    if (worst.record < this.sortedPrefix) return worst.record
    // The worst kept came later: the prefix records with a lower id come before the first
    // prefix id at or above its id.
    const id = this.recordIds[worst.record] ?? ''
    let lo = 0
    let hi = this.sortedPrefix
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((this.recordIds[mid] ?? '') < id) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /**
   * The hot path: the index score of one record from its own tokens. Flat, over typed
   * arrays, no allocation; a record whose query tokens compete for one name token falls
   * back to scoreRecord's one-to-one assignment.
   */
  private scoreOne(r: number, plan: QueryPlan, scratch: AssignmentScratch): number {
    const packed = this.recPacked
    const vocabMark = this.vocabMark
    const vocabHead = this.vocabHead
    const { gen, fastQuery, fastNext, fastGain, bestGain, bestToken } = plan
    const qn = bestGain.length
    const start = this.tokenStart[r] ?? 0
    const end = this.tokenStart[r + 1] ?? 0
    for (let j = 0; j < qn; j++) {
      bestGain[j] = 0
      bestToken[j] = -1
    }
    for (let t = start; t < end; t++) {
      const word = packed[t] ?? 0
      const v = word >>> PACKED_PART_BITS
      if (vocabMark[v] !== gen) continue
      const base = word & 7
      const factor = base === PART_MOTHER || base === PART_MOTHER_FAMILY ? MOTHER_PART_FACTOR : 1
      for (let e = vocabHead[v] ?? -1; e !== -1; e = fastNext[e] ?? -1) {
        const j = fastQuery[e] ?? 0
        const gain = (fastGain[e] ?? 0) * factor
        if (gain > (bestGain[j] ?? 0)) {
          bestGain[j] = gain
          bestToken[j] = t
        }
      }
    }
    let total = 0
    for (let j = 0; j < qn; j++) {
      total += bestGain[j] ?? 0
      const t = bestToken[j] ?? -1
      if (t >= 0) {
        for (let k = 0; k < j; k++) {
          if (bestToken[k] === t) return this.scoreRecord(r, plan, scratch, null)
        }
      }
    }
    let score = plan.weightSum > 0 ? total / plan.weightSum : 0
    const last = qn - 1
    if (last > 0) {
      let roles = 0
      for (let j = 0; j < qn; j++) {
        const t = bestToken[j] ?? -1
        if (t >= 0) roles |= roleBitOf((packed[t] ?? 0) & 7)
      }
      if (roles === 3) score += ROLE_BONUS
      const t0 = bestToken[0] ?? -1
      const tl = bestToken[last] ?? -1
      if (
        t0 >= 0 &&
        tl >= 0 &&
        ((packed[t0] ?? 0) & 7) === PART_FIRST &&
        ((packed[tl] ?? 0) & 7) === PART_FAMILY
      ) {
        score += ORDER_BONUS
      }
    }
    return score
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

  /** Record id order of two positions (ties in the final ranking). */
  private compareRecordIds(a: number, b: number): number {
    const x = this.recordIds[a] ?? ''
    const y = this.recordIds[b] ?? ''
    return x < y ? -1 : x > y ? 1 : 0
  }

  /** Best name-engine similarity of the query with the record's name in common shapes. */
  private compareWithRecord(query: PreparedName, r: number, cache: Map<string, number>): number {
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
        const c = query.compare(shape)
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
  /** Vocabulary tokens whose postings feed the candidates (strong + rare weak), best first. */
  vocab: number[]
  /** Level quality of each `vocab` token. */
  quality: number[]
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
  /** entryQuery, entryNext and entryGain as typed arrays, for scoreOne. */
  fastQuery: Int32Array
  fastNext: Int32Array
  fastGain: Float64Array
  /** Per query token: the most it adds to a record's score (best level × weight / Σ weights). */
  maxGain: number[]
  /** Per query token: the most it adds to a record outside its feeding posting lists. */
  outsideGain: number[]
  /** Most the order and role bonuses add. */
  bonus: number
  /** Per query token: its weight / Σ weights (a level quality times this is a gain). */
  weights: number[]
  /** Per query token: every vocabulary token it matches, with its level. */
  expansions: ReadonlyMap<number, number>[]
}

/** One search's walk: what it scores with, where it offers, and the records scored so far. */
interface WalkState {
  plan: QueryPlan
  filter: CompiledFilter | null
  top: TopK
  scratch: AssignmentScratch
  scored: number
  cap: number
}

/** The first index in [from, to) of an ascending list whose value is at least `value`. */
function firstAtLeast(list: Int32Array, from: number, to: number, value: number): number {
  let lo = from
  let hi = to
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((list[mid] ?? 0) < value) lo = mid + 1
    else hi = mid
  }
  return lo
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

/**
 * The `k` best records met so far, by score then record id (deterministic ties): a binary
 * min-heap over typed arrays whose root is the worst kept. It also keeps the `limit` best
 * scores, because the re-rank moves a record by at most RERANK_REACH of index score: a
 * record further than that below the limit-th best can never be returned.
 */
/**
 * The limit-th best of the final scores offered (−∞ until `limit` are offered): the score a
 * re-ranked record must reach to be returned. A sorted array: limit is small (≤ 100).
 */
class LimitFloor {
  private readonly best: number[] = []

  constructor(private readonly limit: number) {}

  value(): number {
    return this.best.length < this.limit ? -Infinity : (this.best[this.limit - 1] ?? -Infinity)
  }

  offer(score: number): void {
    const b = this.best
    if (b.length >= this.limit && score <= (b[this.limit - 1] ?? -Infinity)) return
    let i = Math.min(b.length, this.limit - 1)
    b[i] = score
    while (i > 0 && (b[i - 1] ?? 0) < score) {
      b[i] = b[i - 1] ?? 0
      b[--i] = score
    }
  }
}

class TopK {
  private count = 0
  private readonly rec: Int32Array
  private readonly score: Float64Array
  private floorCount = 0
  private readonly floor: Float64Array

  constructor(
    private readonly k: number,
    limit: number,
    private readonly recordIds: string[],
    /** Positions below this are in record id order (NameSearchIndex.sortedPrefix). */
    private readonly sortedPrefix: number,
  ) {
    this.rec = new Int32Array(k)
    this.score = new Float64Array(k)
    this.floor = new Float64Array(Math.min(limit, k))
  }

  get full(): boolean {
    return this.count >= this.k
  }

  /** The index score of the limit-th best record met so far (−∞ before `limit` are met). */
  get limitScore(): number {
    return this.floorCount < this.floor.length ? -Infinity : (this.floor[0] ?? 0)
  }

  /**
   * What an unseen record must exceed to matter: the worst of the k kept (it would enter
   * the heap), or the limit-th best minus the re-rank reach (it could be returned).
   */
  threshold(): number {
    const kept = this.full ? (this.score[0] ?? 0) : -Infinity
    return Math.max(kept, this.limitScore - RERANK_REACH)
  }

  /** Offer a record; true when it was kept (the heap changed). */
  offer(r: number, s: number): boolean {
    this.offerFloor(s)
    if (this.count < this.k) {
      this.rec[this.count] = r
      this.score[this.count] = s
      this.siftUp(this.count++)
      return true
    }
    const worst = this.score[0] ?? 0
    if (s < worst || (s === worst && !this.before(r, this.rec[0] ?? 0))) return false
    this.rec[0] = r
    this.score[0] = s
    this.siftDown(0)
    return true
  }

  /** The worst of the k kept (the next to go), once k are kept. */
  worstKept(): { record: number; score: number } | undefined {
    if (!this.full) return undefined
    return { record: this.rec[0] ?? 0, score: this.score[0] ?? 0 }
  }

  /** The records kept with their scores, best first. */
  entries(): { record: number; score: number }[] {
    const order = Array.from({ length: this.count }, (_, i) => i)
    order.sort((a, b) => (this.better(a, b) ? -1 : this.better(b, a) ? 1 : 0))
    return order.map((i) => ({ record: this.rec[i] ?? 0, score: this.score[i] ?? 0 }))
  }

  /** Min-heap of the `limit` best scores (values only: ties do not matter for a floor). */
  private offerFloor(s: number): void {
    const f = this.floor
    const n = f.length
    if (this.floorCount < n) {
      let i = this.floorCount++
      f[i] = s
      while (i > 0) {
        const p = (i - 1) >> 1
        if ((f[p] ?? 0) <= (f[i] ?? 0)) return
        const t = f[p] ?? 0
        f[p] = f[i] ?? 0
        f[i] = t
        i = p
      }
      return
    }
    if (s <= (f[0] ?? 0)) return
    f[0] = s
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let least = i
      if (l < n && (f[l] ?? 0) < (f[least] ?? 0)) least = l
      if (r < n && (f[r] ?? 0) < (f[least] ?? 0)) least = r
      if (least === i) return
      const t = f[least] ?? 0
      f[least] = f[i] ?? 0
      f[i] = t
      i = least
    }
  }

  /** Record r before record o on equal scores: smaller record id first. */
  private before(r: number, o: number): boolean {
    // Massive ties compare ids often (4% of search time as strings): in the sorted prefix
    // position order is id order.
    if (r < this.sortedPrefix && o < this.sortedPrefix) return r < o
    return (this.recordIds[r] ?? '') < (this.recordIds[o] ?? '')
  }

  /** Heap slot a holds a better record than slot b. */
  private better(a: number, b: number): boolean {
    const sa = this.score[a] ?? 0
    const sb = this.score[b] ?? 0
    if (sa !== sb) return sa > sb
    return this.before(this.rec[a] ?? 0, this.rec[b] ?? 0)
  }

  private swap(a: number, b: number): void {
    const r = this.rec[a] ?? 0
    const s = this.score[a] ?? 0
    this.rec[a] = this.rec[b] ?? 0
    this.score[a] = this.score[b] ?? 0
    this.rec[b] = r
    this.score[b] = s
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!this.better(p, i)) return
      this.swap(p, i)
      i = p
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let worst = i
      if (l < this.count && this.better(worst, l)) worst = l
      if (r < this.count && this.better(worst, r)) worst = r
      if (worst === i) return
      this.swap(worst, i)
      i = worst
    }
  }
}
