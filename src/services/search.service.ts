/**
 * Name search over stored records. One in-memory index per running process, built from
 * the database on first use and updated as imports add records (no rebuild per import).
 * Anti-enumeration (Person Finder §1.4, encontrados #100): short queries refused as values
 * by the core, results capped, a per-user rate limit at the edge, every query audited — by
 * a keyed hash of its text, never the name itself (ASVS 16.2.5).
 */
import { createHmac } from 'node:crypto'
import {
  MAX_SEARCH_LIMIT,
  clampSearchLimit,
  type SearchFilters,
  type SearchHit,
  type SearchMatchReason,
} from '../core/search/index.js'
import type { Actor, Sensitivity } from '../core/access/policy.js'
import { DomainError } from '../core/errors.js'
import type { PersonRecordFields } from '../core/records/record-fields.js'
import type { PersonRecordRow } from '../db/database.js'
import {
  findRecordsByIds,
  fingerprintRecordsUpdatedSince,
  listRecordVersionsUpdatedSince,
  streamRecords,
} from '../db/record.repository.js'
import { recordAudit } from './audit.service.js'
import { authorize, isAllowed } from './authorize.js'
import type { ServiceContext } from './context.js'
import { openSearchBackend, type SearchBackend } from './search-threads.js'
import {
  fieldsOf,
  getReadableRecordPage,
  onRecordsAdded,
  type StoredRecord,
} from './record.service.js'

interface AccessInfo {
  organisationId: string
  sensitivity: Sensitivity
  sharedWith: readonly string[]
}

/** What the index holds of a record: who may see it, and which version of it was indexed. */
interface IndexedRecord extends AccessInfo {
  /**
   * The record's version indexed (read from the database, or announced by the service that
   * stored it): a catch-up that reads a higher one re-indexes the record's names.
   */
  version: number
}

interface SearchState {
  /** The index, in this thread or in search threads (config.searchThreads). */
  index: SearchBackend
  access: Map<string, IndexedRecord>
  /** The newest `updated_at` read from the database (ISO text; '' before any record). */
  syncedThrough: string
  /** When (ms, ctx.clock) the database was last read for changes by other processes. */
  syncedAt: number
  /** The catch-up under way, if any. */
  syncing: Promise<void> | undefined
  /** The fingerprint of the window the last full catch-up read, from its start. */
  windowSeen?: { since: string; count: number; newest: string; versions: number } | undefined
}

const states = new WeakMap<ServiceContext, Promise<SearchState>>()

function toSensitivity(s: string): Sensitivity {
  return s === 'normal' || s === 'restricted' ? s : 'sensitive'
}

/**
 * The access map holds every indexed record, and a million records share a handful of
 * organisations and sharing lists: they share one string and one frozen array each instead of
 * holding a copy per record. On the 1M bench's database the map took 141 MB of heap instead
 * of 229 (fewer objects for every full garbage collection to mark); looking a hit up and
 * checking it took 20% less time alone, which is within the noise of a whole request.
 */
const interned = new Map<string, string>()
const internedLists = new Map<string, readonly string[]>()
const NO_ONE: readonly string[] = Object.freeze([])
// Bounds the intern tables (organisations and sharing lists are few; a clear only costs sharing).
const INTERN_LIMIT = 10_000

function internString(value: string): string {
  const known = interned.get(value)
  if (known !== undefined) return known
  if (interned.size >= INTERN_LIMIT) interned.clear()
  interned.set(value, value)
  return value
}

/** A sharing list, from its stored JSON text or as an array. */
function internList(list: string | readonly string[]): readonly string[] {
  const key = typeof list === 'string' ? list : JSON.stringify(list)
  if (key === '[]') return NO_ONE
  const known = internedLists.get(key)
  if (known !== undefined) return known
  if (internedLists.size >= INTERN_LIMIT) internedLists.clear()
  const value = Object.freeze(
    (typeof list === 'string' ? (JSON.parse(list) as string[]) : [...list]).map(internString),
  )
  internedLists.set(key, value)
  return value
}

/** What the index keeps of a record: who may see it, at which version. */
function accessOf(
  organisationId: string,
  sensitivity: Sensitivity,
  sharedWith: string | readonly string[],
  version: number,
): IndexedRecord {
  return {
    organisationId: internString(organisationId),
    sensitivity,
    sharedWith: internList(sharedWith),
    version,
  }
}

/** What the index keeps of a stored record: who may see it, at which version. */
function indexedRecordOf(row: PersonRecordRow): IndexedRecord {
  return accessOf(row.organisation_id, toSensitivity(row.sensitivity), row.shared_with, row.version)
}

// Records handed to the index at a time while it is built (search threads index one batch
// while the next is read).
const BUILD_BATCH = 5000

async function buildState(ctx: ServiceContext): Promise<SearchState> {
  const index = openSearchBackend(ctx.config.searchThreads ?? 0)
  const access = new Map<string, IndexedRecord>()
  const startedAt = ctx.clock().getTime()
  let syncedThrough = ''
  try {
    let batch: PersonRecordFields[] = []
    for await (const row of streamRecords(ctx.handle.db)) {
      if (row.updated_at > syncedThrough) syncedThrough = row.updated_at
      batch.push({ ...fieldsOf(row), record_id: row.id })
      access.set(row.id, indexedRecordOf(row))
      if (batch.length >= BUILD_BATCH) {
        index.add(batch)
        batch = []
      }
    }
    index.add(batch)
    await index.ready()
  } catch (error) {
    await index.close()
    throw error
  }
  return { index, access, syncedThrough, syncedAt: startedAt, syncing: undefined }
}

/** How often a search looks for records other processes stored or changed. */
const SYNC_INTERVAL_MS = 2000
/**
 * How far back a catch-up reads before the newest change it has seen, while that change is
 * recent: another process's transaction may commit after a later one (its rows carry the
 * earlier time), and clocks of two machines differ a little.
 */
const SYNC_OVERLAP_MS = 60_000
/** Changed records read at a time by a catch-up (the event loop runs between pages). */
const CATCH_UP_PAGE = 2000

/**
 * Several `athar serve` processes can share one database; each holds its own index, which
 * its own imports keep current. Records another process stored, and changes to who may see
 * a record, are read from the database at most every SYNC_INTERVAL_MS, in the background of
 * a search (the search answers from the index as it is; the next one sees them).
 */
function catchUpInBackground(ctx: ServiceContext, state: SearchState): void {
  const now = ctx.clock().getTime()
  if (state.syncing !== undefined || now - state.syncedAt < SYNC_INTERVAL_MS) return
  state.syncedAt = now
  state.syncing = catchUp(ctx, state, now)
    .catch(() => undefined) // a failed read is retried at the next interval
    .finally(() => {
      state.syncing = undefined
    })
}

async function catchUp(ctx: ServiceContext, state: SearchState, now: number): Promise<void> {
  const newest = state.syncedThrough === '' ? 0 : Date.parse(state.syncedThrough)
  // Past the overlap, only what is newer than the newest change seen can still appear.
  const since =
    now - newest < SYNC_OVERLAP_MS
      ? new Date(Math.max(0, newest - SYNC_OVERLAP_MS)).toISOString()
      : state.syncedThrough
  // Re-reading the overlap is for commits that land late; when the window's fingerprint is
  // the one seen last time for the same start, nothing landed (after an import of 100,000
  // records the window holds all of them for a minute: one count instead of a read).
  const fingerprint = await fingerprintRecordsUpdatedSince(ctx.handle.db, since)
  const seen = state.windowSeen
  if (
    seen !== undefined &&
    seen.since === since &&
    seen.count === fingerprint.count &&
    seen.newest === fingerprint.newest &&
    seen.versions === fingerprint.versions
  ) {
    return
  }
  // Which records changed, at which version, a page at a time from an index (the event loop
  // runs between pages); whole rows only for the ones this index does not hold at that
  // version (records this process stored are known). Who may see a record changes only with
  // a new version of it (correctRecord).
  let after: { updated_at: string; id: string } | undefined
  let latest = state.syncedThrough
  for (;;) {
    const page = await listRecordVersionsUpdatedSince(ctx.handle.db, since, after, CATCH_UP_PAGE)
    const stale = page.filter((c) => {
      const known = state.access.get(c.id)
      return known === undefined || c.version > known.version
    })
    for (const row of await findRecordsByIds(
      ctx.handle.db,
      stale.map((c) => c.id),
    )) {
      addToState(state, {
        id: row.id,
        fields: { ...fieldsOf(row), record_id: row.id },
        info: indexedRecordOf(row),
      })
    }
    const last = page[page.length - 1]
    if (last !== undefined && last.updated_at > latest) latest = last.updated_at
    if (last === undefined || page.length < CATCH_UP_PAGE) break
    after = last
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
  state.syncedThrough = latest
  state.windowSeen = { since, ...fingerprint }
}

/**
 * Catch the index up with the database now (what a search does in the background every
 * couple of seconds); for tests and tools that need the answer to include every stored record.
 */
export async function syncSearchIndex(ctx: ServiceContext): Promise<void> {
  const state = await searchState(ctx)
  await state.syncing
  state.syncedAt = ctx.clock().getTime()
  await catchUp(ctx, state, state.syncedAt)
}

/** The process's search index, built on first use and kept current by imports. */
export function searchState(ctx: ServiceContext): Promise<SearchState> {
  let state = states.get(ctx)
  if (!state) {
    // Listen before building: records imported during the build are added (add is idempotent per id).
    const pending: Array<{ id: string; fields: PersonRecordFields; info: IndexedRecord }> = []
    let ready: SearchState | undefined
    onRecordsAdded(ctx, (records) => {
      for (const r of records) {
        const item = {
          id: r.id,
          fields: { ...r.fields, record_id: r.id },
          info: accessOf(r.organisationId, r.sensitivity, r.sharedWith, r.version),
        }
        if (ready) addToState(ready, item)
        else pending.push(item)
      }
    })
    state = buildState(ctx).then((s) => {
      for (const item of pending) addToState(s, item)
      ready = s
      return s
    })
    states.set(ctx, state)
  }
  return state
}

function addToState(
  state: SearchState,
  item: { id: string; fields: PersonRecordFields; info: IndexedRecord },
): void {
  // The access map holds every record indexed: one imported while the index was being
  // built is in it already. A corrected record (a newer version read from the database)
  // replaces its old names in the index.
  const known = state.access.get(item.id)
  if (known === undefined || item.info.version > known.version) state.index.add([item.fields])
  state.access.set(item.id, item.info)
}

export interface SearchRequest {
  q: string
  limit?: number | undefined
  filters?: SearchFilters | undefined
}

export interface SearchResultItem {
  record: StoredRecord
  score: number
  matched: SearchMatchReason[]
  /** The person (cluster of accounts) the record belongs to, once linkage ran. */
  personId: string | null
}

function queryFingerprint(ctx: ServiceContext, q: string): string {
  return createHmac('sha256', ctx.keys.auditSeal)
    .update(`search\n${q.trim().toLowerCase()}`)
    .digest('hex')
    .slice(0, 32)
}

/**
 * Ask the index; if it fails (a search thread died), forget this state so that the next
 * search builds a new index from the database instead of failing for good.
 */
async function searchOrForget(
  ctx: ServiceContext,
  state: SearchState,
  q: string,
  options: Parameters<SearchBackend['search']>[1],
): ReturnType<SearchBackend['search']> {
  try {
    return await state.index.search(q, options)
  } catch (error) {
    const current = states.get(ctx)
    if (current !== undefined && (await current.catch(() => undefined)) === state) {
      states.delete(ctx)
      void state.index.close().catch(() => undefined)
    }
    throw error
  }
}

/** Search the records the actor may see. Refused queries throw `query_rejected`. */
export async function searchRecords(
  ctx: ServiceContext,
  actor: Actor,
  request: SearchRequest,
): Promise<SearchResultItem[]> {
  await authorize(ctx, actor, 'record.search')
  const state = await searchState(ctx)
  catchUpInBackground(ctx, state)
  const limit = clampSearchLimit(request.limit)
  const mayRead = (hit: SearchHit): boolean => {
    const info = state.access.get(hit.recordId)
    return (
      info !== undefined &&
      isAllowed(actor, 'record.search', info) &&
      isAllowed(actor, 'record.read', info)
    )
  }
  // Ask the index for the limit first: it prunes hardest for a small limit. Hits the actor
  // may not see are dropped after ranking, so when some were dropped and the index had more
  // to give, ask again for four times as many (up to MAX_SEARCH_LIMIT).
  let wanted = limit
  let outcome = await searchOrForget(ctx, state, request.q, {
    limit: wanted,
    filters: request.filters,
  })
  let visible: SearchHit[] = []
  while (!outcome.rejected) {
    visible = outcome.hits.filter(mayRead).slice(0, limit)
    if (visible.length >= limit || outcome.hits.length < wanted || wanted >= MAX_SEARCH_LIMIT) {
      break
    }
    wanted = Math.min(MAX_SEARCH_LIMIT, wanted * 4)
    outcome = await searchOrForget(ctx, state, request.q, {
      limit: wanted,
      filters: request.filters,
    })
  }
  const fingerprint = queryFingerprint(ctx, request.q)
  if (outcome.rejected) {
    await recordAudit(ctx, actor, {
      action: 'record.search',
      objectType: 'query',
      objectId: fingerprint,
      outcome: 'failure',
      details: { reason: outcome.reason },
    })
    throw new DomainError('query_rejected', outcome.message, [
      { field: 'q', message: outcome.message, reason: outcome.reason },
    ])
  }
  const page = new Map(
    (
      await getReadableRecordPage(
        ctx,
        actor,
        visible.map((h) => h.recordId),
      )
    ).map((p) => [p.record.id, p]),
  )
  const items = visible.flatMap((h) => {
    const found = page.get(h.recordId)
    return found
      ? [{ record: found.record, score: h.score, matched: h.matched, personId: found.personId }]
      : []
  })
  await recordAudit(ctx, actor, {
    action: 'record.search',
    objectType: 'query',
    objectId: fingerprint,
    details: {
      results: items.length,
      candidates: outcome.candidates,
      filters: Object.keys(request.filters ?? {}),
    },
  })
  return items
}

/** Build the search index in the background right after start-up, so the first query does not wait for it. */
export function warmUpSearch(ctx: ServiceContext): void {
  void searchState(ctx).catch(() => undefined)
}

/** Stop the search threads of this context, if any (the server calls it when it stops). */
export async function stopSearch(ctx: ServiceContext): Promise<void> {
  const state = states.get(ctx)
  if (state === undefined) return
  states.delete(ctx)
  const built = await state.catch(() => undefined)
  await built?.index.close()
}
