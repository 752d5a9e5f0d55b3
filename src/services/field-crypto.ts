/**
 * Encryption at rest of what identifies reporters and witnesses (ASVS 11.3.2, 11.3.4):
 * AES-256-GCM under a key derived from the secret kept outside the database, a fresh
 * 96-bit random nonce per value, and the record id and field name bound as additional
 * data, so a ciphertext moved to another row or field fails to decrypt.
 * Stored form: `v1.<nonce>.<ciphertext>.<tag>`, base64url parts.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { DomainError } from '../core/errors.js'

const VERSION = 'v1'

export function encryptField(
  key: Buffer,
  plaintext: string,
  context: { recordId: string; field: string },
): string {
  const nonce = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, nonce)
  cipher.setAAD(Buffer.from(`${context.recordId}\n${context.field}`, 'utf8'))
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return [
    VERSION,
    nonce.toString('base64url'),
    body.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
  ].join('.')
}

export function decryptField(
  key: Buffer,
  stored: string,
  context: { recordId: string; field: string },
): string {
  const [version, nonce, body, tag] = stored.split('.')
  if (version !== VERSION || nonce === undefined || body === undefined || tag === undefined) {
    throw new DomainError('internal', 'An encrypted field is damaged.')
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'))
    decipher.setAAD(Buffer.from(`${context.recordId}\n${context.field}`, 'utf8'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]).toString('utf8')
  } catch {
    throw new DomainError(
      'internal',
      'An encrypted field could not be read: wrong key, or the value was moved or altered.',
    )
  }
}
