/**
 * The audit log is a hash chain: each entry carries the SHA-256 of the previous entry's
 * hash together with its own canonical serialisation (RFC 8785 JSON canonicalisation),
 * so editing, deleting, inserting or reordering any entry breaks every later link.
 * Truncating the tail is caught by the chain head, which is sealed with an HMAC under a
 * key kept outside the database (shared/reference/ops-security-anchors.md B6).
 * Entries hold ids and action names, never plaintext personal data (ASVS 16.2.5).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import canonicalize from 'canonicalize'

/** The hash that precedes the first entry. */
export const GENESIS_HASH = '0'.repeat(64)

export interface AuditEntryContent {
  seq: number
  at: string
  actorUserId: string | null
  actorOrganisationId: string | null
  action: string
  objectType: string
  objectId: string | null
  outcome: 'success' | 'denied' | 'failure'
  details: Record<string, unknown>
}

export interface SealedAuditEntry extends AuditEntryContent {
  prevHash: string
  hash: string
}

export interface ChainHead {
  seq: number
  hash: string
  seal: string
}

/** The canonical byte string an entry is hashed over (RFC 8785). */
export function canonicalAuditEntry(entry: AuditEntryContent, prevHash: string): string {
  const text = canonicalize({
    seq: entry.seq,
    at: entry.at,
    actorUserId: entry.actorUserId,
    actorOrganisationId: entry.actorOrganisationId,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    outcome: entry.outcome,
    details: entry.details,
    prevHash,
  })
  if (text === undefined) throw new TypeError('audit entry cannot be canonicalised')
  return text
}

/** Seal an entry onto the chain after `prevHash`. */
export function sealAuditEntry(entry: AuditEntryContent, prevHash: string): SealedAuditEntry {
  const hash = createHash('sha256')
    .update(canonicalAuditEntry(entry, prevHash), 'utf8')
    .digest('hex')
  return { ...entry, prevHash, hash }
}

/** HMAC over the chain head, so the head cannot be rewritten without the key. */
export function sealChainHead(seq: number, hash: string, key: Uint8Array): string {
  return createHmac('sha256', key).update(`athar-audit-head\n${seq}\n${hash}`, 'utf8').digest('hex')
}

export type ChainBreak =
  | 'hash_mismatch'
  | 'prev_hash_mismatch'
  | 'sequence_gap'
  | 'head_seal_invalid'
  | 'head_mismatch'
  | 'entries_after_head'
  | 'missing_head'

export interface ChainVerification {
  ok: boolean
  entriesChecked: number
  /** The first broken link: the sequence number where the chain stops holding. */
  firstBrokenSeq?: number | undefined
  reason?: ChainBreak | undefined
  message?: string | undefined
}

/**
 * A streaming verifier: feed entries in sequence order, then finish with the head.
 * Reports the first broken link only, as later links are meaningless after it.
 */
export class AuditChainVerifier {
  private expectedSeq = 1
  private prevHash = GENESIS_HASH
  private checked = 0
  private failure: ChainVerification | undefined

  /** Check the next entry; returns false once the chain is broken. */
  push(entry: SealedAuditEntry): boolean {
    if (this.failure) return false
    if (entry.seq !== this.expectedSeq) {
      return this.fail(
        this.expectedSeq,
        'sequence_gap',
        `expected entry ${this.expectedSeq}, found ${entry.seq}: an entry was deleted, inserted or moved`,
      )
    }
    if (entry.prevHash !== this.prevHash) {
      return this.fail(
        entry.seq,
        'prev_hash_mismatch',
        `entry ${entry.seq} does not follow entry ${entry.seq - 1}: the chain was reordered or an entry replaced`,
      )
    }
    const recomputed = sealAuditEntry(entry, this.prevHash).hash
    if (recomputed !== entry.hash) {
      return this.fail(
        entry.seq,
        'hash_mismatch',
        `entry ${entry.seq} was modified after it was written`,
      )
    }
    this.prevHash = entry.hash
    this.expectedSeq += 1
    this.checked += 1
    return true
  }

  /** Compare the end of the chain with the sealed head. */
  finish(head: ChainHead | undefined, key: Uint8Array): ChainVerification {
    if (this.failure) return this.failure
    const lastSeq = this.expectedSeq - 1
    if (!head) {
      if (lastSeq === 0) return { ok: true, entriesChecked: 0 }
      return {
        ok: false,
        entriesChecked: this.checked,
        firstBrokenSeq: 1,
        reason: 'missing_head',
        message: 'the chain head is missing',
      }
    }
    const expectedSeal = sealChainHead(head.seq, head.hash, key)
    if (!safeEqualHex(expectedSeal, head.seal)) {
      return {
        ok: false,
        entriesChecked: this.checked,
        firstBrokenSeq: head.seq,
        reason: 'head_seal_invalid',
        message: 'the chain head seal does not verify: the head was rewritten or the key is wrong',
      }
    }
    if (head.seq > lastSeq) {
      return {
        ok: false,
        entriesChecked: this.checked,
        firstBrokenSeq: lastSeq + 1,
        reason: 'head_mismatch',
        message: `the log ends at entry ${lastSeq} but the sealed head says ${head.seq}: entries were removed from the end`,
      }
    }
    if (head.seq < lastSeq) {
      return {
        ok: false,
        entriesChecked: this.checked,
        firstBrokenSeq: head.seq + 1,
        reason: 'entries_after_head',
        message: `entries after the sealed head (${head.seq}) were appended outside Athar`,
      }
    }
    if (head.hash !== this.prevHash) {
      return {
        ok: false,
        entriesChecked: this.checked,
        firstBrokenSeq: head.seq,
        reason: 'head_mismatch',
        message: 'the last entry does not match the sealed head',
      }
    }
    return { ok: true, entriesChecked: this.checked }
  }

  private fail(seq: number, reason: ChainBreak, message: string): false {
    this.failure = { ok: false, entriesChecked: this.checked, firstBrokenSeq: seq, reason, message }
    return false
  }
}

function safeEqualHex(a: string, b: string): boolean {
  const ba = Buffer.from(a, 'utf8')
  const bb = Buffer.from(b, 'utf8')
  return ba.length === bb.length && timingSafeEqual(ba, bb)
}
