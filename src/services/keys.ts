/**
 * Key material kept OUTSIDE the database (architecture: "a key outside the database"):
 * from ATHAR_SECRET (64 hex chars or base64 of 32 bytes) or from a key file beside the
 * data (created with mode 0600 on first use). Purpose keys are derived with HKDF so one
 * secret never serves two purposes.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { hkdfSync, randomBytes } from 'node:crypto'

export interface KeyRing {
  /** HMAC key sealing the audit chain head. */
  auditSeal: Buffer
  /** AES-256-GCM key for fields that identify reporters and witnesses. */
  fieldEncryption: Buffer
}

export function deriveKeyRing(master: Buffer): KeyRing {
  const derive = (info: string) =>
    Buffer.from(hkdfSync('sha256', master, Buffer.from('athar'), info, 32))
  return { auditSeal: derive('audit-head-seal'), fieldEncryption: derive('field-encryption') }
}

/** Parse a secret given as hex or base64 (32 bytes). */
export function parseSecret(text: string): Buffer {
  const t = text.trim()
  const buf = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64')
  if (buf.length !== 32) {
    throw new Error('ATHAR_SECRET must be 32 bytes, as 64 hex characters or base64')
  }
  return buf
}

/** Load the master secret from the environment or the key file, creating the file if absent. */
export function loadKeyRing(options: { env?: NodeJS.ProcessEnv; keyFile: string }): KeyRing {
  const env = options.env ?? process.env
  if (env.ATHAR_SECRET) return deriveKeyRing(parseSecret(env.ATHAR_SECRET))
  if (existsSync(options.keyFile)) {
    return deriveKeyRing(parseSecret(readFileSync(options.keyFile, 'utf8')))
  }
  mkdirSync(dirname(options.keyFile), { recursive: true })
  const secret = randomBytes(32)
  writeFileSync(options.keyFile, secret.toString('hex') + '\n', { mode: 0o600, flag: 'wx' })
  return deriveKeyRing(secret)
}

/** A fixed key ring for tests. */
export function testKeyRing(): KeyRing {
  return deriveKeyRing(Buffer.alloc(32, 7))
}
