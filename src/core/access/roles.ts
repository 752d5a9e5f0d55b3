/**
 * The roles of Athar (docs/access.md has the table of what each may do).
 * A user has exactly one role within exactly one organisation.
 */
export const ROLES = [
  'admin',
  'coordinator',
  'field_officer',
  'caseworker',
  'investigator',
  'reviewer',
  'viewer',
] as const

export type Role = (typeof ROLES)[number]

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}
