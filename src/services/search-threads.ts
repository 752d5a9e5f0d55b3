/**
 * Where the name search runs: in this thread (one index, the default), or in N search
 * threads, each holding its own copy of the index (`athar serve --search-threads N`).
 *
 * A search costs milliseconds of CPU at a million records; in the server thread it also
 * holds up every other request (sessions, record reads, audit appends, responses). In
 * threads, the server thread only does the request work around it, and several searches
 * run at once on several cores. Everything else stays in one process with one database
 * connection: the audit chain, the access map and the imports see no difference.
 */
import { Worker } from 'node:worker_threads'
import { NameSearchIndex, type SearchOptions, type SearchOutcome } from '../core/search/index.js'
import type { PersonRecordFields } from '../core/records/record-fields.js'

/** Messages to a search thread, handled in order. */
export type SearchThreadRequest =
  | { type: 'add'; records: string }
  | { type: 'sync'; id: number }
  | { type: 'search'; id: number; q: string; options: SearchOptions }

/** Messages from a search thread. */
export type SearchThreadReply =
  | { type: 'synced'; id: number }
  | { type: 'result'; id: number; outcome: SearchOutcome }
  | { type: 'error'; id: number; message: string }

/** The search index as the search service uses it, wherever it runs. */
export interface SearchBackend {
  /** Index records (in order; a search asked for afterwards sees them). */
  add(records: readonly PersonRecordFields[]): void
  /** Resolves once every record added so far is indexed. */
  ready(): Promise<void>
  search(q: string, options: SearchOptions): Promise<SearchOutcome>
  /** Stop the threads (nothing to do in this thread). */
  close(): Promise<void>
}

/** The index in this thread. */
export function inThreadBackend(): SearchBackend {
  const index = new NameSearchIndex()
  return {
    add: (records) => {
      for (const r of records) index.add(r)
    },
    ready: () => Promise.resolve(),
    search: (q, options) => Promise.resolve(index.search(q, options)),
    close: () => Promise.resolve(),
  }
}

interface Pending {
  resolve(reply: SearchThreadReply): void
  reject(error: Error): void
}

class SearchThread {
  readonly worker: Worker
  readonly pending = new Map<number, Pending>()
  failure: Error | undefined

  constructor(worker: Worker) {
    this.worker = worker
    // An idle search thread never keeps the process alive (the server decides when to stop);
    // one with a request in flight does, or a command awaiting its answer would just exit.
    worker.unref()
    worker.on('message', (reply: SearchThreadReply) => {
      const waiting = this.pending.get(reply.id)
      if (waiting === undefined) return
      this.pending.delete(reply.id)
      if (this.pending.size === 0) worker.unref()
      waiting.resolve(reply)
    })
    const fail = (error: Error): void => {
      this.failure ??= error
      for (const waiting of this.pending.values()) waiting.reject(error)
      this.pending.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`search thread exited (code ${code})`)))
  }

  ask(request: SearchThreadRequest & { id: number }): Promise<SearchThreadReply> {
    if (this.failure !== undefined) return Promise.reject(this.failure)
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref()
      this.pending.set(request.id, { resolve, reject })
      this.worker.postMessage(request)
    })
  }
}

function startWorker(): Worker {
  const fromSource = import.meta.url.endsWith('.ts')
  const url = new URL(fromSource ? './search.worker.ts' : './search.worker.js', import.meta.url)
  if (!fromSource) return new Worker(url)
  // From TypeScript sources the thread registers tsx itself (as the scoring pool does):
  // `execArgv: ['--import', 'tsx']` does not reach worker threads on Node 20.
  const bootstrap = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}) })`
  return new Worker(bootstrap, { eval: true })
}

/** The index in `count` threads, each a full copy; a search goes to the least busy one. */
export function threadedBackend(count: number): SearchBackend {
  const threads = Array.from({ length: count }, () => new SearchThread(startWorker()))
  let nextId = 1
  const leastBusy = (): SearchThread => {
    let best = threads[0]!
    for (const t of threads) if (t.pending.size < best.pending.size) best = t
    return best
  }
  return {
    add: (records) => {
      if (records.length === 0) return
      // One serialisation for all threads: a string is copied, not walked, per thread.
      const message: SearchThreadRequest = { type: 'add', records: JSON.stringify(records) }
      for (const t of threads) t.worker.postMessage(message)
    },
    ready: async () => {
      await Promise.all(threads.map((t) => t.ask({ type: 'sync', id: nextId++ })))
    },
    search: async (q, options) => {
      const reply = await leastBusy().ask({ type: 'search', id: nextId++, q, options })
      if (reply.type === 'result') return reply.outcome
      throw new Error(reply.type === 'error' ? reply.message : 'unexpected search thread reply')
    },
    close: async () => {
      await Promise.all(threads.map((t) => t.worker.terminate()))
    },
  }
}

/** In this thread for 0, else in that many search threads. */
export function openSearchBackend(threads: number): SearchBackend {
  return threads > 0 ? threadedBackend(threads) : inThreadBackend()
}
