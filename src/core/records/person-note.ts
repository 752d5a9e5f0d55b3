/**
 * A note about a person: a status update, a sighting, a comment or a link to a record of the
 * same person, as PFIF carries it (PFIF 1.4 note fields, zesty.ca/pfif/1.4; Person Finder
 * app/pfif.py). Field names are PFIF 1.4's so that a note survives import and export intact.
 */

/** The PFIF 1.4 note statuses (Person Finder `NOTE_STATUS_VALUES`, without the empty value). */
export const NOTE_STATUSES = [
  'information_sought',
  'is_note_author',
  'believed_alive',
  'believed_missing',
  'believed_dead',
] as const

/** One of {@link NOTE_STATUSES}. */
export type NoteStatus = (typeof NOTE_STATUSES)[number]

/** True when `value` is a PFIF note status. */
export function isNoteStatus(value: string): value is NoteStatus {
  return (NOTE_STATUSES as readonly string[]).includes(value)
}

/** A note attached to a person record. A missing value is `undefined`, never ''. */
export interface PersonNote {
  /** `<domain>/<local-id>` in PFIF; unique among notes. */
  note_record_id: string
  /** The person this note is about (a nested PFIF note inherits its person's id). */
  person_record_id?: string | undefined
  /** Another record believed to describe the same person. */
  linked_person_record_id?: string | undefined
  /** UTC `yyyy-mm-ddThh:mm:ssZ`. */
  entry_date?: string | undefined
  author_name?: string | undefined
  author_email?: string | undefined
  author_phone?: string | undefined
  /** UTC `yyyy-mm-ddThh:mm:ssZ`: when the note's information was written at its source. */
  source_date?: string | undefined
  /** PFIF 1.4 `author_made_contact` (PFIF 1.1–1.3 `found`). */
  author_made_contact?: boolean | undefined
  status?: NoteStatus | undefined
  email_of_found_person?: string | undefined
  phone_of_found_person?: string | undefined
  last_known_location?: string | undefined
  text?: string | undefined
  photo_url?: string | undefined
}
