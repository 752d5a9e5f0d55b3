import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { decryptField, encryptField } from './field-crypto.js'
import { deriveKeyRing } from './keys.js'

const key = deriveKeyRing(Buffer.alloc(32, 3)).fieldEncryption
const ctx = { recordId: 'case-1', field: 'reporter_phone' }

describe('field encryption', () => {
  it('round-trips Arabic text and never stores it in clear', () => {
    const stored = encryptField(key, 'أم محمد +963 944 000 000', ctx)
    assert.ok(!stored.includes('963'))
    assert.equal(decryptField(key, stored, ctx), 'أم محمد +963 944 000 000')
  })

  it('uses a fresh nonce each time', () => {
    assert.notEqual(encryptField(key, 'same', ctx), encryptField(key, 'same', ctx))
  })

  it('refuses a value moved to another record or field, altered, or read with another key', () => {
    const stored = encryptField(key, 'secret', ctx)
    assert.throws(() => decryptField(key, stored, { ...ctx, recordId: 'case-2' }), {
      code: 'internal',
    })
    assert.throws(() => decryptField(key, stored, { ...ctx, field: 'reporter_name' }), {
      code: 'internal',
    })
    const parts = stored.split('.')
    parts[2] = Buffer.from('tampered').toString('base64url')
    assert.throws(() => decryptField(key, parts.join('.'), ctx), { code: 'internal' })
    assert.throws(
      () => decryptField(deriveKeyRing(Buffer.alloc(32, 4)).fieldEncryption, stored, ctx),
      { code: 'internal' },
    )
  })
})
