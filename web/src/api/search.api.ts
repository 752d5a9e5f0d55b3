/**
 * The records search screen's call (GET /api/records/search). The shape restates
 * src/http/routes/search.routes.ts (web/ may import only src/contract), limited to what the
 * screen reads. The answer carries no person id: a hit is a record, not a person.
 */
import { requestJson, type ApiResult } from './http-client.js'

export interface SearchMatch {
  /** The query's normalised token. */
  query: string
  /** The record's normalised token it met. */
  token: string
  /** first_name, father_name, …, or full_name when the record was not split. */
  part: string
  /** exact, variant, cross-script, ocr, close or prefix. */
  level: string
}

export interface RecordSearchHit {
  recordId: string
  /** The person the record belongs to once linkage ran (its page shows every account). */
  personId?: string | null
  score: number
  matched: SearchMatch[]
  /** The record's fields as written in its source (names in Arabic or Latin letters). */
  fields: Record<string, unknown>
  provenance: { source_kind?: string; document?: string; source_organisation?: string }
}

/** One search; `query` is the URL query string built by scenes/search/search-form.ts. */
export async function searchRecordsPage(query: string): Promise<ApiResult<RecordSearchHit[]>> {
  const result = await requestJson<{ results: RecordSearchHit[] }>(
    'GET',
    `/api/records/search?${query}`,
  )
  return result.ok ? { ok: true, value: result.value.results } : result
}
