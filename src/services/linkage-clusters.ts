/**
 * Persons from links: connected components of auto-link pairs and confirmed "same"
 * decisions, cut by confirmed "not the same" decisions, with stable person ids.
 *
 * A full run reclusters every record it linked; a decision or a new record reclusters only
 * its region — the persons of the records involved, widened along auto-links and
 * decisions until no edge leaves it — so the rest of the organisation is not touched.
 */
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type {
  Database,
  LinkageRunRow,
  PersonEventRow,
  PersonMemberRow,
  PersonRow,
  ReviewDecisionRow,
} from '../db/database.js'
import * as repo from '../db/linkage.repository.js'
import {
  assignStableClusterIds,
  clusterRecords,
  collectReviewOutcomes,
  groupClusters,
  type ClusterIdEvent,
  type ReviewDecision,
  type ReviewVerdict,
} from '../core/linkage/index.js'

/** What a recluster changed. */
export interface ReclusterOutcome {
  /** Records whose person changed (or that got their first person). */
  movedRecords: number
  createdPersons: number
  mergedPersons: number
  splitPersons: number
  /** Persons in the region afterwards. */
  personCount: number
  /** record id → person id, for the region. */
  personOf: Map<string, string>
}

/** The stored decision as the engine reads it. */
export function toReviewDecision(row: ReviewDecisionRow): ReviewDecision {
  return {
    leftId: row.left_id,
    rightId: row.right_id,
    verdict: row.verdict as ReviewVerdict,
    reviewerId: row.reviewer_id,
    note: row.note ?? undefined,
    decidedAt: row.decided_at,
    sensitive: row.sensitive === 1,
  }
}

/** Widening rounds of a local region; each round adds the persons an edge reaches. */
const MAX_ROUNDS = 20

interface Region {
  records: string[]
  edges: Array<{ left_id: string; right_id: string; weight: number }>
  decisions: ReviewDecisionRow[]
  previous: Map<string, string>
}

async function loadFullRegion(
  trx: Kysely<Database>,
  run: LinkageRunRow,
  recordIds: readonly string[],
): Promise<Region> {
  const inRegion = new Set(recordIds)
  const previous = new Map<string, string>()
  for (const m of await repo.listMemberships(trx, run.organisation_id)) {
    if (inRegion.has(m.record_id)) previous.set(m.record_id, m.person_id)
  }
  const edges = (await repo.listAutoLinks(trx, run.id)).filter(
    (e) => inRegion.has(e.left_id) && inRegion.has(e.right_id),
  )
  const decisions = (await repo.listDecisions(trx, run.organisation_id)).filter(
    (d) => inRegion.has(d.left_id) && inRegion.has(d.right_id),
  )
  return { records: [...recordIds], edges, decisions, previous }
}

async function loadLocalRegion(
  trx: Kysely<Database>,
  run: LinkageRunRow,
  seeds: readonly string[],
): Promise<Region> {
  const region = new Set<string>()
  const previous = new Map<string, string>()
  const seenPersons = new Set<string>()
  let frontier = [...new Set(seeds)]
  let edges: Region['edges'] = []
  let decisions: ReviewDecisionRow[] = []
  for (let round = 0; round < MAX_ROUNDS && frontier.length > 0; round++) {
    // Whole persons join the region: a person is never half inside.
    const memberships = await repo.findMemberships(trx, frontier)
    const persons = [...new Set(memberships.map((m) => m.person_id))].filter(
      (p) => !seenPersons.has(p),
    )
    for (const p of persons) seenPersons.add(p)
    for (const id of frontier) region.add(id)
    for (const m of await repo.listMembersOfPersons(trx, persons)) {
      region.add(m.record_id)
      previous.set(m.record_id, m.person_id)
    }
    const ids = [...region]
    edges = await repo.listAutoLinks(trx, run.id, ids)
    decisions = (await repo.listDecisions(trx, run.organisation_id, ids)).filter(
      (d) => d.verdict === 'same' || (region.has(d.left_id) && region.has(d.right_id)),
    )
    const next = new Set<string>()
    for (const e of edges) {
      for (const id of [e.left_id, e.right_id]) if (!region.has(id)) next.add(id)
    }
    for (const d of decisions) {
      for (const id of [d.left_id, d.right_id]) if (!region.has(id)) next.add(id)
    }
    frontier = [...next]
  }
  return {
    records: [...region].sort(),
    edges: edges.filter((e) => region.has(e.left_id) && region.has(e.right_id)),
    decisions: decisions.filter((d) => region.has(d.left_id) && region.has(d.right_id)),
    previous,
  }
}

/**
 * Recluster a region and store the persons: `seeds` (records whose links changed) or
 * `{ all }` (every record a full run linked). Runs inside the caller's transaction.
 */
export async function reclusterRegion(
  trx: Kysely<Database>,
  run: LinkageRunRow,
  scope: { seeds: readonly string[] } | { all: readonly string[] },
  cause: 'run' | 'decision' | 'incremental',
  at: string,
): Promise<ReclusterOutcome> {
  const region =
    'all' in scope
      ? await loadFullRegion(trx, run, scope.all)
      : await loadLocalRegion(trx, run, scope.seeds)
  const rowOf = new Map<string, number>()
  region.records.forEach((id, row) => rowOf.set(id, row))
  const auto = [...region.edges].sort(
    (a, b) =>
      b.weight - a.weight ||
      a.left_id.localeCompare(b.left_id) ||
      a.right_id.localeCompare(b.right_id),
  )
  const { links, cuts } = collectReviewOutcomes(region.decisions.map(toReviewDecision))
  const row = (id: string): number => rowOf.get(id) as number
  const clustering = clusterRecords(
    region.records.length,
    {
      left: auto.map((e) => row(e.left_id)),
      right: auto.map((e) => row(e.right_id)),
      length: auto.length,
    },
    { left: links.map((l) => row(l[0])), right: links.map((l) => row(l[1])), length: links.length },
    cuts.map((c) => [row(c[0]), row(c[1])] as const),
  )
  const groups = groupClusters(clustering.label).map((rows) =>
    rows.map((r) => region.records[r] as string),
  )
  const assigned = assignStableClusterIds(region.previous, groups, () => randomUUID())
  return storeAssignment(trx, run, region, assigned.ids, assigned.events, cause, at)
}

async function storeAssignment(
  trx: Kysely<Database>,
  run: LinkageRunRow,
  region: Region,
  ids: Map<string, string>,
  events: readonly ClusterIdEvent[],
  cause: 'run' | 'decision' | 'incremental',
  at: string,
): Promise<ReclusterOutcome> {
  const org = run.organisation_id
  const previousIds = new Set(region.previous.values())
  const moved: PersonMemberRow[] = []
  for (const record of region.records) {
    const id = ids.get(record) as string
    if (region.previous.get(record) !== id) {
      moved.push({ record_id: record, person_id: id, organisation_id: org, since: at })
    }
  }
  const newPersons = new Map<string, PersonRow>()
  const eventRows: PersonEventRow[] = []
  const event = (personId: string, kind: string, other: string | null): void => {
    eventRows.push({
      id: randomUUID(),
      organisation_id: org,
      person_id: personId,
      kind,
      other_person_id: other,
      cause,
      run_id: run.id,
      at,
    })
  }
  let merged = 0
  let split = 0
  for (const e of events) {
    switch (e.kind) {
      case 'kept':
        break
      case 'created':
        newPersons.set(e.id, {
          id: e.id,
          organisation_id: org,
          status: 'active',
          merged_into: null,
          split_from: null,
          created_at: at,
          updated_at: at,
        })
        event(e.id, 'created', null)
        break
      case 'split': {
        const existing = newPersons.get(e.newId)
        if (!existing) {
          newPersons.set(e.newId, {
            id: e.newId,
            organisation_id: org,
            status: 'active',
            merged_into: null,
            split_from: e.fromId,
            created_at: at,
            updated_at: at,
          })
        }
        event(e.newId, 'split_from', e.fromId)
        split++
        break
      }
      case 'merged':
        if (previousIds.has(e.retiredId)) {
          await repo.updatePerson(trx, e.retiredId, {
            status: 'merged',
            merged_into: e.intoId,
            updated_at: at,
          })
          event(e.retiredId, 'merged_into', e.intoId)
          merged++
        }
        break
    }
  }
  await repo.insertPersons(trx, [...newPersons.values()])
  await repo.upsertMemberships(trx, moved)
  await repo.insertPersonEvents(trx, eventRows)
  return {
    movedRecords: moved.length,
    createdPersons: newPersons.size,
    mergedPersons: merged,
    splitPersons: split,
    personCount: new Set(ids.values()).size,
    personOf: ids,
  }
}
