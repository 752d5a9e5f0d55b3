/**
 * Who does what on the sources screen (docs/access.md; the server enforces it anyway) and the
 * kinds of source a list can be.
 */
import type { Role } from '../../../../src/contract/auth.contract.js'
import type { MessageKey } from '../../i18n/messages.js'

/** The roles holding record.import: they see the screen. */
export const IMPORTER_ROLES: readonly Role[] = ['coordinator', 'caseworker', 'investigator']

/** The roles holding linkage.run see "Run linkage". */
export function mayRunLinkage(role: Role): boolean {
  return role === 'coordinator' || role === 'investigator'
}

/** The kinds of source a list can be (the CLI's list, record-provenance.ts). */
export const SOURCE_KINDS = [
  'register',
  'ngo-list',
  'family-report',
  'photo-index',
  'morgue',
  'pfif',
] as const

export type SourceKind = (typeof SOURCE_KINDS)[number]

export const SOURCE_KIND_KEYS: Readonly<Record<SourceKind, MessageKey>> = {
  register: 'sourceKind.register',
  'ngo-list': 'sourceKind.ngo-list',
  'family-report': 'sourceKind.family-report',
  'photo-index': 'sourceKind.photo-index',
  morgue: 'sourceKind.morgue',
  pfif: 'sourceKind.pfif',
}

// Gate registrations are made with the intake form, not uploaded, but batches of them exist.
const ALL_KIND_KEYS: Readonly<Record<string, MessageKey>> = {
  ...SOURCE_KIND_KEYS,
  intake: 'sourceKind.intake',
}

/** The name of a kind of source; undefined for a kind a file wrote itself (shown as written). */
export function kindKey(kind: string): MessageKey | undefined {
  return Object.hasOwn(ALL_KIND_KEYS, kind) ? ALL_KIND_KEYS[kind] : undefined
}
