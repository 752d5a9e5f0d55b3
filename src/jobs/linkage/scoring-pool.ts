/**
 * A small pool of scoring workers sharing the record columns and block indexes through
 * SharedArrayBuffers (nothing is copied per task). Tasks are key ranges of blocking
 * rules, handed out as workers free up; results are put back in task order so the
 * output is the same whatever the timing.
 */
import { Worker } from 'node:worker_threads'
import {
  PairComparer,
  scoreCandidateRange,
  type BlockIndex,
  type NameLevelFunction,
  type NameValues,
  type PlaceValues,
  type RecordColumns,
  type ScoredChunk,
  type ScoringTables,
} from '../../core/linkage/index.js'

/** What every worker receives once. */
export interface WorkerSetup {
  columns: RecordColumns
  names: NameValues
  places: Pick<PlaceValues, 'governorate'> & { key: string[] }
  indices: BlockIndex[]
  tables: ScoringTables
  minWeight: number
  truth?: Int32Array | undefined
}

/** One unit of work. */
export interface ScoringTask {
  id: number
  rule: number
  from: number
  to: number
}

function toShared<T extends Int32Array | Uint8Array>(array: T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array
  const ctor = array.constructor as {
    new (buffer: SharedArrayBuffer): T
    BYTES_PER_ELEMENT: number
  }
  const copy = new ctor(new SharedArrayBuffer(Math.max(8, array.length * ctor.BYTES_PER_ELEMENT)))
  copy.set(array)
  return array.length === copy.length ? copy : (copy.subarray(0, array.length) as T)
}

/** Index arrays moved to shared memory, without the key maps workers do not need. */
export function shareBlockIndex(index: BlockIndex): BlockIndex {
  return {
    rule: index.rule,
    keyOf: toShared(index.keyOf),
    order: toShared(index.order),
    starts: toShared(index.starts),
    capped: toShared(index.capped),
    keyCount: index.keyCount,
    partMaps: [],
    refinements: [],
    nextKey: index.nextKey,
    splitBlocks: index.splitBlocks,
    recordsLeftBySplit: index.recordsLeftBySplit,
  }
}

/**
 * Score all tasks with `threads` workers (0 = in this thread, which also allows an
 * injected name comparison for tests). Returns the chunks in task order.
 */
export async function runScoringTasks(
  setup: WorkerSetup,
  tasks: readonly ScoringTask[],
  threads: number,
  onTaskDone: (done: number) => void,
  nameLevel?: NameLevelFunction,
): Promise<{ chunks: ScoredChunk[]; nameEngineCalls: number }> {
  const chunks = new Array<ScoredChunk>(tasks.length)
  if (threads <= 0) {
    const comparer = new PairComparer(setup.columns, setup.names, setup.places, nameLevel)
    tasks.forEach((t, k) => {
      chunks[k] = scoreCandidateRange(
        setup.indices,
        t.rule,
        t.from,
        t.to,
        setup.columns,
        comparer,
        setup.tables,
        setup.minWeight,
        setup.truth,
      )
      onTaskDone(k + 1)
    })
    return { chunks, nameEngineCalls: comparer.nameEngineCalls }
  }
  const fromSource = import.meta.url.endsWith('.ts')
  const workerUrl = new URL(
    fromSource ? './scoring.worker.ts' : './scoring.worker.js',
    import.meta.url,
  )
  // From TypeScript sources the worker registers tsx itself (as bin/athar.js does):
  // `execArgv: ['--import', 'tsx']` does not reach worker threads on Node 20.
  const bootstrap = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(workerUrl.href)}) })`
  const workers = Array.from({ length: threads }, () =>
    fromSource
      ? new Worker(bootstrap, { eval: true, workerData: setup })
      : new Worker(workerUrl, { workerData: setup }),
  )
  let next = 0
  let done = 0
  const calls = new Array<number>(threads).fill(0)
  try {
    await new Promise<void>((resolve, reject) => {
      if (tasks.length === 0) {
        resolve()
        return
      }
      workers.forEach((worker, w) => {
        const dispatch = (): void => {
          const task = tasks[next]
          if (task === undefined) return
          next++
          worker.postMessage(task)
        }
        worker.on(
          'message',
          (message: { id: number; chunk: ScoredChunk; nameEngineCalls: number }) => {
            chunks[message.id] = message.chunk
            calls[w] = message.nameEngineCalls
            done++
            onTaskDone(done)
            if (done === tasks.length) resolve()
            else dispatch()
          },
        )
        worker.on('error', reject)
        worker.on('exit', (code) => {
          if (code !== 0 && done < tasks.length) {
            reject(new Error(`scoring worker exited with code ${code}`))
          }
        })
        dispatch()
      })
    })
  } finally {
    await Promise.all(workers.map((w) => w.terminate()))
  }
  return { chunks, nameEngineCalls: calls.reduce((a, b) => a + b, 0) }
}
