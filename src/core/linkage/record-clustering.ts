/**
 * Clusters: connected components of auto-links and confirmed links, cut by confirmed
 * "not the same" decisions. Union-find on an Int32Array (path halving, union by size).
 * A cut is a cannot-link constraint: an edge that would put two cut records in one
 * component is refused. Confirmed links are applied first, then auto-links strongest
 * first, so a weak chain cannot undo a reviewer's "not the same".
 */

/** Edges to cluster: parallel arrays of row indices, in the order to apply them. */
export interface ClusterEdges {
  left: ArrayLike<number>
  right: ArrayLike<number>
  length: number
}

/** Result of clustering: a component label per row (the smallest row of its component). */
export interface Clustering {
  label: Int32Array
  /** Edges refused because they would join two records a reviewer said differ. */
  refusedEdges: number
  clusterCount: number
}

/** Union-find over `size` rows. */
export class UnionFind {
  readonly parent: Int32Array
  private readonly rank: Int32Array

  constructor(size: number) {
    this.parent = new Int32Array(size)
    this.rank = new Int32Array(size).fill(1)
    for (let i = 0; i < size; i++) this.parent[i] = i
  }

  /** Root of x. */
  find(x: number): number {
    const p = this.parent
    let r = x
    while ((p[r] as number) !== r) {
      const gp = p[p[r] as number] as number
      p[r] = gp
      r = gp
    }
    return r
  }

  /** Join the sets of a and b; returns the new root. */
  union(a: number, b: number): number {
    let ra = this.find(a)
    let rb = this.find(b)
    if (ra === rb) return ra
    if ((this.rank[ra] as number) < (this.rank[rb] as number)) {
      const t = ra
      ra = rb
      rb = t
    }
    this.parent[rb] = ra
    this.rank[ra] = (this.rank[ra] as number) + (this.rank[rb] as number)
    return ra
  }
}

/**
 * Cluster rows. `confirmed` edges (reviewers' "same") go first, then `auto` edges in
 * the given order (callers pass them strongest first); `cuts` are pairs that must end in
 * different clusters.
 */
export function clusterRecords(
  size: number,
  auto: ClusterEdges,
  confirmed: ClusterEdges = { left: [], right: [], length: 0 },
  cuts: ReadonlyArray<readonly [number, number]> = [],
): Clustering {
  const uf = new UnionFind(size)
  // Cannot-link lists per root, merged on union. Cuts are few (human decisions).
  const forbidden = new Map<number, number[]>()
  for (const [a, b] of cuts) {
    pushTo(forbidden, a, b)
    pushTo(forbidden, b, a)
  }
  let refused = 0
  const apply = (edges: ClusterEdges): void => {
    for (let e = 0; e < edges.length; e++) {
      const ra = uf.find(edges.left[e] as number)
      const rb = uf.find(edges.right[e] as number)
      if (ra === rb) continue
      if (forbidden.size > 0 && violates(uf, forbidden, ra, rb)) {
        refused++
        continue
      }
      const root = uf.union(ra, rb)
      if (forbidden.size > 0) {
        const merged = [...(forbidden.get(ra) ?? []), ...(forbidden.get(rb) ?? [])]
        forbidden.delete(ra)
        forbidden.delete(rb)
        if (merged.length > 0) forbidden.set(root, merged)
      }
    }
  }
  // Cut lists are keyed by root; before any union every row is its own root.
  apply(confirmed)
  apply(auto)
  const label = new Int32Array(size).fill(-1)
  const minOfRoot = new Int32Array(size).fill(-1)
  let clusterCount = 0
  for (let r = 0; r < size; r++) {
    const root = uf.find(r)
    if (minOfRoot[root] === -1) {
      minOfRoot[root] = r
      clusterCount++
    }
    label[r] = minOfRoot[root] as number
  }
  return { label, refusedEdges: refused, clusterCount }
}

function pushTo(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

function violates(
  uf: UnionFind,
  forbidden: Map<number, number[]>,
  ra: number,
  rb: number,
): boolean {
  const la = forbidden.get(ra)
  if (la) for (const x of la) if (uf.find(x) === rb) return true
  const lb = forbidden.get(rb)
  if (lb) for (const x of lb) if (uf.find(x) === ra) return true
  return false
}

/** Group rows by label: the clusters as arrays of rows, in order of first row. */
export function groupClusters(label: Int32Array): number[][] {
  const byLabel = new Map<number, number[]>()
  for (let r = 0; r < label.length; r++) {
    const l = label[r] as number
    const list = byLabel.get(l)
    if (list) list.push(r)
    else byLabel.set(l, [r])
  }
  return [...byLabel.values()]
}
