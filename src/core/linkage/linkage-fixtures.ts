/**
 * A tiny deterministic builder of synthetic families for tests (no real persons): each
 * family has a father and three children (siblings with different given names and close
 * birth years); every person appears in an Arabic register line, an Arabic family report
 * (age instead of birth date, a spelling variant) and a Latin NGO list line.
 */
import type { LinkageRecordInput } from './record-table.js'

/** A fixture record with the person and family it truly belongs to. */
export interface FixtureRecord {
  input: LinkageRecordInput
  personId: string
  familyId: string
  /** Person id of the person's father when he is in the fixture. */
  fatherPersonId?: string | undefined
}

type Name = readonly [arabic: string, variant: string, latin: string]

const MALE: readonly Name[] = [
  ['محمد', 'محمّد', 'Mohammed'],
  ['أحمد', 'احمد', 'Ahmad'],
  ['خالد', 'خالد', 'Khaled'],
  ['يوسف', 'يوسف', 'Youssef'],
  ['إبراهيم', 'ابراهيم', 'Ibrahim'],
  ['عمر', 'عمر', 'Omar'],
  ['حسن', 'حسن', 'Hassan'],
  ['سامر', 'سامر', 'Samer'],
  ['مازن', 'مازن', 'Mazen'],
  ['طارق', 'طارق', 'Tarek'],
  ['وليد', 'وليد', 'Walid'],
  ['بلال', 'بلال', 'Bilal'],
]
const FEMALE: readonly Name[] = [
  ['فاطمة', 'فاطمه', 'Fatima'],
  ['مريم', 'مريم', 'Mariam'],
  ['زينب', 'زينب', 'Zainab'],
  ['خديجة', 'خديجه', 'Khadija'],
  ['عائشة', 'عائشه', 'Aisha'],
]
const FAMILY: readonly Name[] = [
  ['الحلبي', 'حلبي', 'Al-Halabi'],
  ['الحمصي', 'حمصي', 'Al-Homsi'],
  ['الشامي', 'شامي', 'Al-Shami'],
  ['الخطيب', 'خطيب', 'Al-Khatib'],
  ['المصري', 'مصري', 'Al-Masri'],
  ['الزعبي', 'زعبي', 'Al-Zoubi'],
]

const pick = <T>(list: readonly T[], k: number): T =>
  list[((k % list.length) + list.length) % list.length] as T

/** Build `families` families (deterministic). */
export function buildFixtureFamilies(families: number): FixtureRecord[] {
  const out: FixtureRecord[] = []
  let n = 0
  for (let f = 0; f < families; f++) {
    const familyId = `f${f}`
    const family = pick(FAMILY, f)
    const grandfather = pick(MALE, f + 7)
    const fatherName = pick(MALE, f * 5 + 1)
    const mother = pick(FEMALE, f)
    const fatherYear = 1950 + (f % 10)
    const people: Array<{
      id: string
      first: Name
      father: Name
      grandfather: Name | undefined
      mother: Name
      year: number
      sex: 'M' | 'F'
      fatherId?: string
    }> = [
      {
        id: `${familyId}-father`,
        first: fatherName,
        father: grandfather,
        grandfather: undefined,
        mother: pick(FEMALE, f + 2),
        year: fatherYear,
        sex: 'M',
      },
    ]
    for (let c = 0; c < 3; c++) {
      // Siblings: same father, mother, family; different given names; births 1–3 years apart.
      const daughter = c === 2
      people.push({
        id: `${familyId}-child${c}`,
        first: daughter ? pick(FEMALE, f + c + 1) : pick(MALE, f * 5 + 2 + c * 3),
        father: fatherName,
        grandfather,
        mother,
        year: fatherYear + 26 + c * 2,
        sex: daughter ? 'F' : 'M',
        fatherId: `${familyId}-father`,
      })
    }
    for (const p of people) {
      const nid = String(10_000_000_000 + f * 1000 + people.indexOf(p) * 7 + 13)
      const base = { personId: p.id, familyId, fatherPersonId: p.fatherId }
      out.push({
        ...base,
        input: {
          record_id: `r${++n}`,
          first_name: p.first[0],
          father_name: p.father[0],
          grandfather_name: p.grandfather?.[0],
          family_name: family[0],
          mother_name: p.mother[0],
          sex: p.sex,
          birth_date: `${p.year}-0${(f % 9) + 1}-1${people.indexOf(p)}`,
          national_id: nid,
          birth_place: 'حلب',
          detention_place: 'صيدنايا',
        },
      })
      out.push({
        ...base,
        input: {
          record_id: `r${++n}`,
          full_name: `${p.first[1]} ${p.father[1]} ${family[1]}`,
          mother_name: p.mother[1],
          sex: p.sex,
          age: String(2020 - p.year),
          recorded_on: '2020-06-01',
        },
      })
      out.push({
        ...base,
        input: {
          record_id: `r${++n}`,
          first_name: p.first[2],
          father_name: p.father[2],
          family_name: family[2],
          sex: p.sex,
          birth_date: String(p.year),
          national_id: nid,
        },
      })
    }
  }
  return out
}
