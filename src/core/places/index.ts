/**
 * Public API of the gazetteer of Syrian places and detention facilities (both scripts,
 * with aliases: Saydnaya / Sednaya / صيدنايا, Branch 235 / Palestine Branch / فرع فلسطين).
 * Other modules import ONLY from this file; keep these signatures, add if needed.
 */
import {
  findGovernorateOf,
  findPlace,
  isPlaceWithin,
  listAllPlaces,
  resolvePlaceText,
  type ResolvePlaceOptions,
} from './place-gazetteer.js'

export type { ResolvePlaceOptions } from './place-gazetteer.js'

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

/**
 * Resolve free text (either script, any known alias, tolerant of articles/case) to a place id.
 * When one spelling names several places (صيدنايا the town and the prison), `options.kind`
 * says which is wanted; otherwise words in the text decide (سجن / prison / branch → a
 * facility, محافظة / governorate / ريف → a governorate), then a city or town wins.
 */
export function resolvePlace(text: string, options?: ResolvePlaceOptions): string | undefined {
  return resolvePlaceText(text, options)
}

/** Look a place up by id. */
export function findPlaceById(id: string): Place | undefined {
  return findPlace(id)
}

/** True when `inner` is `outer` or lies within it (a town within its governorate). */
export function isWithin(inner: string, outer: string): boolean {
  return isPlaceWithin(inner, outer)
}

/** All places of the gazetteer, optionally of one kind. */
export function listPlaces(kind?: PlaceKind): readonly Place[] {
  return listAllPlaces(kind)
}

/** The governorate id a place lies in (itself for a governorate), if known. */
export function findGovernorate(id: string): string | undefined {
  return findGovernorateOf(id)
}
