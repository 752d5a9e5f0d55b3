/**
 * Stable person identifiers across re-runs. Engine cluster labels are not durable
 * (Splink labels a cluster by its smallest record id; Senzing's entity ids are not
 * persistent), so Athar keeps its own ids with this rule:
 *
 * - Each new cluster is matched to previous clusters by how many records they share.
 *   Matches are taken greedily, largest overlap first (ties: the previous id whose
 *   cluster was larger, then the smaller id), each previous id used at most once and
 *   each new cluster given at most one previous id.
 * - Grow (a cluster only gains records): it keeps its id.
 * - Merge (a new cluster holds several previous clusters): it keeps the id of the
 *   previous cluster it shares most records with; the other ids are retired and
 *   reported as merged into it.
 * - Split (a previous cluster's records end up in several new clusters): the part
 *   holding most of its records keeps the id; the other parts get new ids and are
 *   reported as split from it.
 * - A cluster of only new records gets a new id.
 */

/** What happened to an id. */
export type ClusterIdEvent =
  | { kind: 'kept'; id: string }
  | { kind: 'created'; id: string }
  | { kind: 'merged'; retiredId: string; intoId: string }
  | { kind: 'split'; fromId: string; newId: string }

/** Result of assigning stable ids. */
export interface StableClusterIds {
  /** record id → cluster id. */
  ids: Map<string, string>
  events: ClusterIdEvent[]
}

/**
 * Give each cluster of `next` (arrays of record ids) a stable id, reusing the ids of
 * `previous` (record id → cluster id) by the rule above. `mintId` makes a new id
 * for a cluster's members (the caller decides its form; core has no randomness or clock).
 */
export function assignStableClusterIds(
  previous: ReadonlyMap<string, string>,
  next: ReadonlyArray<readonly string[]>,
  mintId: (members: readonly string[]) => string,
): StableClusterIds {
  const previousSize = new Map<string, number>()
  for (const id of previous.values()) previousSize.set(id, (previousSize.get(id) ?? 0) + 1)
  const candidates: Array<{ cluster: number; prevId: string; overlap: number }> = []
  next.forEach((members, cluster) => {
    const overlap = new Map<string, number>()
    for (const record of members) {
      const prev = previous.get(record)
      if (prev !== undefined) overlap.set(prev, (overlap.get(prev) ?? 0) + 1)
    }
    for (const [prevId, count] of overlap) candidates.push({ cluster, prevId, overlap: count })
  })
  candidates.sort(
    (a, b) =>
      b.overlap - a.overlap ||
      (previousSize.get(b.prevId) ?? 0) - (previousSize.get(a.prevId) ?? 0) ||
      (a.prevId < b.prevId ? -1 : a.prevId > b.prevId ? 1 : 0) ||
      a.cluster - b.cluster,
  )
  const idOfCluster = new Array<string | undefined>(next.length).fill(undefined)
  const usedPrev = new Set<string>()
  for (const c of candidates) {
    if (idOfCluster[c.cluster] !== undefined || usedPrev.has(c.prevId)) continue
    idOfCluster[c.cluster] = c.prevId
    usedPrev.add(c.prevId)
  }
  const events: ClusterIdEvent[] = []
  const ids = new Map<string, string>()
  const reportedMerge = new Set<string>()
  next.forEach((members, cluster) => {
    let id = idOfCluster[cluster]
    if (id === undefined) {
      id = mintId(members)
      const from = new Set<string>()
      for (const r of members) {
        const prev = previous.get(r)
        if (prev !== undefined) from.add(prev)
      }
      if (from.size === 0) events.push({ kind: 'created', id })
      for (const prev of [...from].sort()) events.push({ kind: 'split', fromId: prev, newId: id })
    } else {
      events.push({ kind: 'kept', id })
      for (const r of members) {
        const prev = previous.get(r)
        if (prev !== undefined && prev !== id && !usedPrev.has(prev) && !reportedMerge.has(prev)) {
          reportedMerge.add(prev)
          events.push({ kind: 'merged', retiredId: prev, intoId: id })
        }
      }
    }
    for (const r of members) ids.set(r, id)
  })
  return { ids, events }
}
