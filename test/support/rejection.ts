import { DomainError } from '../../src/core/errors.js'

/** The DomainError a promise rejects with (fails the test when it resolves or throws another error). */
export async function rejection(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p
  } catch (e) {
    if (e instanceof DomainError) return e
    throw e
  }
  throw new Error('expected a DomainError')
}
