/**
 * Public API of the gazetteer of Syrian places and detention facilities (both scripts,
 * with aliases: Saydnaya / Sednaya / صيدنايا, Branch 235 / Palestine Branch / فرع فلسطين).
 * Other modules import ONLY from this file; keep these signatures, add if needed.
 *
 * NOTE: placeholder bodies fixing the contract; the gazetteer module replaces them.
 */

export type PlaceKind = 'governorate' | 'city' | 'town' | 'facility'

export interface Place {
  /** Stable id, e.g. `gov.aleppo`, `city.douma`, `facility.saydnaya`. */
  id: string
  kind: PlaceKind
  /** Containing place id (a city's governorate), if any. */
  parent?: string | undefined
  nameAr: string
  nameEn: string
  /** Further spellings in either script. */
  aliases: readonly string[]
}

/** Resolve free text (either script, any known alias, tolerant of articles/case) to a place id. */
export function resolvePlace(text: string): string | undefined {
  void text
  return undefined
}

/** Look a place up by id. */
export function findPlaceById(id: string): Place | undefined {
  void id
  return undefined
}

/** True when `inner` is `outer` or lies within it (a town within its governorate). */
export function isWithin(inner: string, outer: string): boolean {
  return inner === outer
}
