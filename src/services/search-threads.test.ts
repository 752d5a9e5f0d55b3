import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import type { PersonRecordFields } from '../core/records/record-fields.js'
import { inThreadBackend, threadedBackend } from './search-threads.js'

const records: PersonRecordFields[] = [
  { record_id: 'a1', first_name: 'محمد', father_name: 'خالد', family_name: 'الحلبي', extra: {} },
  { record_id: 'a2', first_name: 'Samer', family_name: 'Al-Homsi', sex: 'M', extra: {} },
  { record_id: 'a3', full_name: 'نور أحمد الإدلبي', extra: {} },
]

describe('search threads', () => {
  it('answer every search as the index in this thread does, refusals included', async () => {
    const here = inThreadBackend()
    const there = threadedBackend(2)
    try {
      for (const backend of [here, there]) {
        backend.add(records.slice(0, 2))
        backend.add(records.slice(2))
      }
      await there.ready()
      for (const q of ['Mohammad Halabi', 'سامر الحمصي', 'Nour Idlibi', 'م', 'Samer']) {
        for (const options of [{}, { limit: 1 }, { filters: { sex: 'M' as const } }]) {
          assert.deepEqual(await there.search(q, options), await here.search(q, options), q)
        }
      }
    } finally {
      await there.close()
    }
  })

  it('refuses searches once its threads are stopped, instead of waiting forever', async () => {
    const backend = threadedBackend(1)
    backend.add(records)
    await backend.ready()
    await backend.close()
    await assert.rejects(backend.search('Mohammad Halabi', {}), /search thread exited/)
  })

  it('keeps the process alive while an answer is awaited (a command has nothing else running)', () => {
    const module = new URL('./search-threads.ts', import.meta.url).href
    const script = `
      const { threadedBackend } = await import(${JSON.stringify(module)})
      const backend = threadedBackend(1)
      backend.add([{ record_id: 'x1', first_name: 'Samer', family_name: 'Homsi', extra: {} }])
      await backend.ready()
      const outcome = await backend.search('Samer Homsi', {})
      console.log(outcome.hits[0].recordId)
    `
    const printed = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    )
    assert.equal(printed.trim(), 'x1')
  })
})
