/**
 * Search thread: holds its own copy of the name search index, fed by the records the server
 * thread reads from the database, and answers searches in the order the messages arrive (so
 * a search sent after an import's records sees them).
 */
import { parentPort } from 'node:worker_threads'
import { NameSearchIndex } from '../core/search/index.js'
import type { PersonRecordFields } from '../core/records/record-fields.js'
import type { SearchThreadReply, SearchThreadRequest } from './search-threads.js'

const index = new NameSearchIndex()

function reply(message: SearchThreadReply): void {
  parentPort?.postMessage(message)
}

parentPort?.on('message', (message: SearchThreadRequest) => {
  if (message.type === 'add') {
    for (const record of JSON.parse(message.records) as PersonRecordFields[]) index.add(record)
    return
  }
  if (message.type === 'sync') {
    reply({ type: 'synced', id: message.id })
    return
  }
  try {
    reply({ type: 'result', id: message.id, outcome: index.search(message.q, message.options) })
  } catch (error) {
    reply({
      type: 'error',
      id: message.id,
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    })
  }
})
