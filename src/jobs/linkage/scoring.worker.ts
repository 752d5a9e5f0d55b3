/**
 * Scoring worker: receives the shared columns and block indexes once, then scores key
 * ranges of blocking rules on request and returns the kept pairs as transferable arrays.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { PairComparer, scoreCandidateRange } from '../../core/linkage/index.js'
import type { ScoringTask, WorkerSetup } from './scoring-pool.js'

const setup = workerData as WorkerSetup
const comparer = new PairComparer(setup.columns, setup.names, setup.places)

parentPort?.on('message', (task: ScoringTask) => {
  const chunk = scoreCandidateRange(
    setup.indices,
    task.rule,
    task.from,
    task.to,
    setup.columns,
    comparer,
    setup.tables,
    setup.minWeight,
    setup.truth,
  )
  parentPort?.postMessage({ id: task.id, chunk, nameEngineCalls: comparer.nameEngineCalls }, [
    chunk.left.buffer as ArrayBuffer,
    chunk.right.buffer as ArrayBuffer,
    chunk.weight.buffer as ArrayBuffer,
    chunk.gammas.buffer as ArrayBuffer,
  ])
})
