/**
 * The gazetteer: an in-memory index over PLACE_ROWS, built once at first use. Lookup
 * tries ever looser keys (exact folded text, articles dropped, kind words dropped, Latin
 * consonant skeleton, branch number) and stops at the first level that finds something,
 * so a precise spelling is never overruled by a loose one.
 */
import type { Place, PlaceKind } from './index.js'
import { PLACE_ROWS } from './place-data.js'
import { computePlaceKeys, tokenizePlaceText } from './place-normalizer.js'

/** Options of a lookup: the kind of place the field is about (a detention field wants facilities). */
export interface ResolvePlaceOptions {
  kind?: PlaceKind | undefined
}

interface GazetteerIndex {
  byId: Map<string, Place>
  all: Place[]
  levels: Map<string, string[]>[]
  branchByNumber: Map<string, string>
}

let index: GazetteerIndex | undefined

function addKey(map: Map<string, string[]>, key: string, id: string): void {
  if (key.length === 0) return
  const ids = map.get(key)
  if (ids === undefined) map.set(key, [id])
  else if (!ids.includes(id)) ids.push(id)
}

function buildIndex(): GazetteerIndex {
  const byId = new Map<string, Place>()
  const all: Place[] = []
  const plain = new Map<string, string[]>()
  const bare = new Map<string, string[]>()
  const core = new Map<string, string[]>()
  const skeleton = new Map<string, string[]>()
  const branchByNumber = new Map<string, string>()
  for (const [id, kind, parent, nameAr, nameEn, aliases] of PLACE_ROWS) {
    const unique = [...new Set(aliases)].filter((a) => a !== nameAr && a !== nameEn)
    const place: Place = {
      id,
      kind,
      parent: parent === '' ? undefined : parent,
      nameAr,
      nameEn,
      aliases: unique,
    }
    byId.set(id, place)
    all.push(place)
    for (const name of [nameAr, nameEn, ...unique]) {
      const keys = computePlaceKeys(name)
      addKey(plain, keys.plain, id)
      addKey(bare, keys.bare, id)
      addKey(core, keys.core, id)
      addKey(skeleton, keys.skeleton, id)
    }
    const branch = /^facility\.branch-(\d+)$/.exec(id)
    if (branch?.[1] !== undefined) branchByNumber.set(branch[1], id)
  }
  return { byId, all, levels: [plain, bare, core, skeleton], branchByNumber }
}

function getIndex(): GazetteerIndex {
  index ??= buildIndex()
  return index
}

/** Default preference when one spelling names several places: the most specific settlement. */
const DEFAULT_ORDER: readonly PlaceKind[] = ['city', 'town', 'governorate', 'facility']

function choosePlace(ids: readonly string[], preferred: PlaceKind | undefined): string | undefined {
  const { byId } = getIndex()
  const order = preferred === undefined ? DEFAULT_ORDER : [preferred, ...DEFAULT_ORDER]
  for (const kind of order) {
    const match = ids.find((id) => byId.get(id)?.kind === kind)
    if (match !== undefined) return match
  }
  return ids[0]
}

/**
 * Resolve free text (either script, any known alias, tolerant of articles/case) to a place id.
 * Text typed at a gate often holds a place among other words ("Saydnaya prison, gate 2",
 * "صيدنايا - البوابة الشمالية"): when the whole text names nothing, each part between
 * separators is tried, then runs of words, longest first.
 */
export function resolvePlaceText(
  text: string,
  options: ResolvePlaceOptions = {},
): string | undefined {
  const whole = resolveWholeText(text, options)
  if (whole !== undefined) return whole
  const parts = text
    .split(/[,،;؛()[\]{}\-–—/|:]+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
  if (parts.length > 1) {
    for (const part of parts) {
      const id = resolveWholeText(part, options, false)
      if (id !== undefined) return id
    }
  }
  const words = text.split(/[\s,،;؛()[\]{}\-–—/|:]+/).filter((w) => w.length > 0)
  for (let n = Math.min(MAX_WORDS_IN_PLACE, words.length - 1); n >= 1; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      const run = words.slice(i, i + n)
      // A lone short word ("al", "2", "gate") names too many things by accident.
      if (n === 1 && (run[0] ?? '').length < 4) continue
      const id = resolveWholeText(run.join(' '), options, false)
      if (id !== undefined) return id
    }
  }
  return undefined
}

/** The longest place name in the gazetteer, in words ("Military Intelligence Branch 235"). */
const MAX_WORDS_IN_PLACE = 4

/**
 * `fuzzy` allows the consonant-skeleton level; a piece cut out of a longer text is matched
 * without it ("Homs city centre" must not become "Homs Central Prison").
 */
function resolveWholeText(
  text: string,
  options: ResolvePlaceOptions,
  fuzzy = true,
): string | undefined {
  const keys = computePlaceKeys(text)
  if (keys.plain.length === 0) return undefined
  const { levels, branchByNumber } = getIndex()
  const preferred =
    options.kind ??
    (keys.facilityHint ? 'facility' : keys.governorateHint ? 'governorate' : undefined)
  const wanted = [keys.plain, keys.bare, keys.core, keys.skeleton]
  const last = fuzzy ? levels.length : levels.length - 1
  for (let level = 0; level < last; level++) {
    const key = wanted[level]
    if (key === undefined || key.length === 0) continue
    const ids = levels[level]?.get(key)
    if (ids !== undefined && ids.length > 0) return choosePlace(ids, preferred)
  }
  // "Branch 235 (Palestine)", "الفرع ٢٣٥ - فلسطين": a branch number alone identifies the branch.
  for (const token of tokenizePlaceText(text)) {
    const id = branchByNumber.get(token)
    if (id !== undefined) return id
  }
  return undefined
}

/** Look a place up by id. */
export function findPlace(id: string): Place | undefined {
  return getIndex().byId.get(id)
}

/** True when `inner` is `outer` or lies within it, following parents up the chain. */
export function isPlaceWithin(inner: string, outer: string): boolean {
  const { byId } = getIndex()
  let current: string | undefined = inner
  for (let depth = 0; current !== undefined && depth < 8; depth++) {
    if (current === outer) return true
    current = byId.get(current)?.parent
  }
  return false
}

/** All places, optionally of one kind, in data order (governorates first). */
export function listAllPlaces(kind?: PlaceKind): readonly Place[] {
  const { all } = getIndex()
  return kind === undefined ? all : all.filter((p) => p.kind === kind)
}

/** The governorate a place lies in (itself for a governorate), if known. */
export function findGovernorateOf(id: string): string | undefined {
  const { byId } = getIndex()
  let current: Place | undefined = byId.get(id)
  for (let depth = 0; current !== undefined && depth < 8; depth++) {
    if (current.kind === 'governorate') return current.id
    current = current.parent === undefined ? undefined : byId.get(current.parent)
  }
  return undefined
}
