/**
 * Demo tracing data: what a newcomer needs to see a living system rather than empty
 * screens. On top of the imported lists (demo-records.ts) it
 * - adds a second reviewer, because a sensitive conclusion needs two different ones;
 * - runs linkage once, as the coordinator would, so there is a review queue;
 * - files family reports as the caseworker, spread over the last four weeks (so the
 *   dashboard's chart has a shape), each with a synthetic reporter and consent;
 * - registers gate intakes as the field officer, named ones and unidentified ones;
 * - has the reviewer confirm a few true matches of reported persons, which moves their
 *   cases to "confirmed alive" and gives the caseworker "inform the family" tasks.
 * Every step goes through the ordinary services (authorisation, audit, incremental
 * linkage), never through the tables. The reviewer's demo decisions follow the
 * generator's truth: they stand for a careful human, not for the engine.
 * All names are synthetic (bench/generator); phone numbers are made up and not dialable
 * (Syrian mobile prefix, but 000 in the middle).
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { PersonRecordFields } from '../core/records/record-fields.js'
import { actAsUser, addUser } from '../services/access.service.js'
import { enableCaseTracking, fileReport } from '../services/case.service.js'
import type { ServiceContext } from '../services/context.js'
import { registerIntake } from '../services/intake.service.js'
import { candidatesOfRecord, decidePair, runLinkage } from '../services/linkage.service.js'
import { whenLinkageIdle } from '../services/linkage-incremental.js'
import type { DemoUser } from './commands/demo.command.js'

/** A generated person account held back from the lists to be filed through a screen's service. */
export interface HeldBackRecord {
  fields: PersonRecordFields
  personId: string
}

export interface DemoTracingPlan {
  reports: HeldBackRecord[]
  intakes: HeldBackRecord[]
  /** Generated record id (fields.record_id) → generated person id, for the demo reviewer. */
  truth: ReadonlyMap<string, string>
}

const DAY_MS = 86_400_000
const UNIDENTIFIED = [
  {
    age: 35,
    sex: 'M',
    marks: 'ندبة فوق الحاجب الأيسر — scar above the left eyebrow',
    health: 'urgent',
  },
  { age: 50, sex: 'M', marks: 'وشم نجمة على الساعد — star tattoo on the forearm', health: 'none' },
  {
    age: 28,
    sex: 'M',
    marks: 'لا يتكلم، يكتب بالعربية — does not speak, writes Arabic',
    health: 'critical',
  },
  {
    age: 42,
    sex: 'F',
    marks: 'خاتم فضي في اليد اليمنى — silver ring, right hand',
    health: 'urgent',
  },
  {
    age: 60,
    sex: 'M',
    marks: 'فقدان إصبع من اليد اليسرى — missing finger, left hand',
    health: 'none',
  },
] as const
const FACILITIES = ['سجن صيدنايا', 'Saydnaya prison', 'فرع فلسطين', 'Mezzeh airport']

function isoDate(s: string | undefined): string | undefined {
  return s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined
}

function names(f: PersonRecordFields) {
  const pick = (v: string | undefined) => (v && v.trim() !== '' ? v : undefined)
  const out: Record<string, string> = {}
  for (const key of [
    'first_name',
    'father_name',
    'grandfather_name',
    'family_name',
    'mother_name',
  ] as const) {
    const v = pick(f[key])
    if (v !== undefined) out[key] = v
  }
  return out
}

/** Run `work` as if it were `at` (the demo back-dates reports); the clock is restored after. */
async function at<T>(ctx: ServiceContext, when: Date, work: () => Promise<T>): Promise<T> {
  const real = ctx.clock
  ctx.clock = () => when
  try {
    return await work()
  } finally {
    ctx.clock = real
  }
}

export async function seedDemoTracing(
  ctx: ServiceContext,
  org: { id: string },
  users: DemoUser[],
  plan: DemoTracingPlan,
  progress: (text: string) => void,
): Promise<void> {
  const byRole = (role: DemoUser['role']) => users.find((u) => u.role === role)
  const coordinator = byRole('coordinator')
  const caseworker = byRole('caseworker')
  const fieldOfficer = byRole('field_officer')
  const reviewer = byRole('reviewer')
  if (!coordinator || !caseworker || !fieldOfficer || !reviewer) return

  const second: DemoUser = {
    username: 'reviewer-2',
    role: 'reviewer',
    password: randomBytes(9).toString('base64url'),
  }
  await addUser(ctx, undefined, {
    username: second.username,
    role: second.role,
    organisationId: org.id,
    password: second.password,
    displayName: 'Huda — second reviewer',
  })
  users.push(second)

  const linkage = await runLinkage(ctx, await actAsUser(ctx, coordinator.username), {})
  progress(
    `demo: linkage over ${linkage.records} records: ${linkage.autoLinks} auto-links, ${linkage.storedPairs} stored pairs`,
  )

  const now = ctx.clock().getTime()
  const caseworkerActor = await actAsUser(ctx, caseworker.username)
  const reportRecords: Array<{ recordId: string; personId: string }> = []
  for (const [i, r] of plan.reports.entries()) {
    const filedAt = new Date(now - ((i * 11) % 29) * DAY_MS - (i % 5) * 3_600_000)
    const f = r.fields
    const mother = f.mother_name ?? 'أم'
    const outcome = await at(ctx, filedAt, () =>
      fileReport(ctx, caseworkerActor, {
        idempotencyKey: randomUUID(),
        person: names(f),
        sex: f.sex === 'M' || f.sex === 'F' ? f.sex : undefined,
        birthDate: isoDate(f.birth_date),
        lastSeenDate: isoDate(f.last_seen_date),
        lastSeenPlace: f.last_seen_place,
        detentionPlace: f.detention_place,
        reporter: {
          name: `${mother} ${f.family_name ?? ''}`.trim(),
          relation: i % 3 === 0 ? 'أخت — sister' : 'أم — mother',
          phone: `+963 9${String(i % 100).padStart(2, '0')} 000 ${String(1000 + i).slice(-3)}`,
        },
        consent: {
          purposes: i % 4 === 0 ? ['tracing'] : ['tracing', 'identification'],
          givenOn: filedAt.toISOString().slice(0, 10),
        },
      }),
    )
    reportRecords.push({ recordId: outcome.recordId, personId: r.personId })
  }
  progress(`demo: filed ${plan.reports.length} family reports`)

  const officer = await actAsUser(ctx, fieldOfficer.username)
  const intakeRecords: Array<{ recordId: string; personId: string }> = []
  for (const [i, r] of plan.intakes.entries()) {
    const f = r.fields
    const outcome = await registerIntake(ctx, officer, {
      idempotencyKey: randomUUID(),
      names: names(f),
      sex: f.sex === 'M' || f.sex === 'F' ? f.sex : undefined,
      healthUrgency: i % 6 === 0 ? 'urgent' : 'none',
      facilityText: FACILITIES[i % FACILITIES.length],
      language: 'ar',
    })
    intakeRecords.push({ recordId: outcome.recordId, personId: r.personId })
  }
  for (const [i, u] of UNIDENTIFIED.entries()) {
    await registerIntake(ctx, officer, {
      idempotencyKey: randomUUID(),
      unidentified: true,
      approximateAge: u.age,
      sex: u.sex,
      distinguishingMarks: u.marks,
      healthUrgency: u.health,
      facilityText: FACILITIES[i % FACILITIES.length],
    })
  }
  progress(
    `demo: registered ${plan.intakes.length} gate intakes and ${UNIDENTIFIED.length} unidentified persons`,
  )
  await whenLinkageIdle(ctx)

  // The reviewer confirms a few reported persons found among the other accounts — the
  // truth stands in for a careful reviewer's judgement.
  enableCaseTracking(ctx)
  const reviewerActor = await actAsUser(ctx, reviewer.username)
  const truthOf = new Map<string, string>()
  for (const r of [...reportRecords, ...intakeRecords]) truthOf.set(r.recordId, r.personId)
  let confirmed = 0
  for (const [i, report] of reportRecords.entries()) {
    if (confirmed >= 4) break
    const candidates = await candidatesOfRecord(ctx, reviewerActor, report.recordId)
    const match = candidates
      .map((c) => c.record)
      .find((record) => {
        const person = truthOf.get(record.id) ?? plan.truth.get(record.fields.record_id)
        return person === report.personId && record.provenance.source_kind !== 'morgue'
      })
    if (!match) continue
    await at(ctx, new Date(now - (i % 10) * DAY_MS), () =>
      decidePair(ctx, reviewerActor, {
        left: report.recordId,
        right: match.id,
        verdict: 'same',
        note: 'Demo: same mother, family and birth year.',
      }),
    )
    confirmed++
  }
  progress(`demo: the reviewer confirmed ${confirmed} matches of reported persons`)
}
