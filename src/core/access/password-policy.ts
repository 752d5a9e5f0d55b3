/**
 * Password rules (OWASP ASVS 5.0 6.2.1, 6.2.4, 6.2.9): at least 12 characters, at most
 * 128, not the username, not a well-known password. No composition rules and no forced
 * rotation (ASVS 6.2.10).
 */
export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 128

// A short list of the most common passwords and keyboard walks; the point is to refuse
// the obvious, not to be a breach corpus.
const COMMON = new Set([
  '123456789012',
  'password1234',
  'passwordpassword',
  'qwertyuiopas',
  'qwerty123456',
  '111111111111',
  '000000000000',
  'abc123456789',
  'iloveyou1234',
  'administrator',
  'adminadmin123',
  'letmein12345',
  'welcome12345',
  'password12345',
  '1q2w3e4r5t6y',
  'changeme1234',
  'athar1234567',
  'athar-athar',
  'syria1234567',
  'damascus1234',
])

export type PasswordProblem = 'too_short' | 'too_long' | 'same_as_username' | 'too_common'

/** The first problem with a new password, or undefined when it is acceptable. */
export function checkPassword(password: string, username: string): PasswordProblem | undefined {
  const length = [...password].length
  if (length < PASSWORD_MIN_LENGTH) return 'too_short'
  if (length > PASSWORD_MAX_LENGTH) return 'too_long'
  const lower = password.toLowerCase()
  if (lower === username.toLowerCase()) return 'same_as_username'
  if (COMMON.has(lower) || /^(.)\1+$/.test(password)) return 'too_common'
  return undefined
}
