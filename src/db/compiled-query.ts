/**
 * Queries on the hot path of a request, built once: the query builder (Kysely) cost more
 * than SQLite took to run some of them (the session lookup, a page of records) on the 1M
 * search bench, and their SQL never changes; only the values bound to it do.
 */
import { CompiledQuery, type Compilable, type Kysely } from 'kysely'
import type { Database } from './database.js'

const compiledSql = new WeakMap<Kysely<Database>, Map<string, string>>()

/**
 * Run the query `build` makes, its SQL compiled on the first run per database and `name`.
 * For queries whose bound values are exactly `parameters`, in order, whatever the values:
 * the first run checks it, and a query that breaks the rule throws rather than run with its
 * values misplaced.
 */
export async function executeCompiled<R>(
  db: Kysely<Database>,
  name: string,
  parameters: readonly unknown[],
  build: () => Compilable<R>,
): Promise<R[]> {
  let byName = compiledSql.get(db)
  if (byName === undefined) {
    byName = new Map()
    compiledSql.set(db, byName)
  }
  let text = byName.get(name)
  if (text === undefined) {
    const compiled = build().compile()
    const same =
      compiled.parameters.length === parameters.length &&
      compiled.parameters.every((p, i) => p === parameters[i])
    if (!same) {
      throw new Error(`compiled query "${name}" binds other values than the ones given`)
    }
    text = compiled.sql
    byName.set(name, text)
  }
  return (await db.executeQuery<R>(CompiledQuery.raw(text, [...parameters]))).rows
}
