/**
 * Demo data: generated (synthetic) person records from the benchmark generator, imported
 * through the ordinary import service — one file per source kind — so the demo shows real
 * batches with provenance, not rows slipped into the database.
 */
import {
  formatRecordHeader,
  formatRecordRow,
  generateRecords,
  type GeneratedRecord,
} from '../../bench/generator/index.js'
import { actAsUser } from '../services/access.service.js'
import { importRecords } from '../services/record.service.js'
import type { ServiceContext } from '../services/context.js'
import type { DemoSeeder } from './commands/demo.command.js'
import { seedDemoTracing, type HeldBackRecord } from './demo-tracing.js'

const DOCUMENTS: Record<string, string> = {
  'family-report': 'بلاغات العائلات — Family reports (demo)',
  register: 'سجل مُستعاد من فرع — Recovered branch register (demo)',
  'ngo-list': 'قائمة منظمة في الخارج — NGO list from abroad (demo)',
  intake: 'تسجيل المفرج عنهم عند البوابة — Gate intake sheets (demo)',
  'photo-index': 'فهرس صور — Photo index (demo)',
}

/** How many accounts of the generated lists become family reports and gate intakes instead. */
export function heldBackCount(records: number): number {
  return Math.min(40, Math.max(2, Math.floor(records / 60)))
}

/**
 * Generate `count` records and import them per source kind as the investigator user; hold
 * back a few family reports and intakes to be filed through the tracing services
 * (demo-tracing.ts), which then runs linkage and fills the review queue.
 */
export const seedDemoRecords: DemoSeeder = async (ctx: ServiceContext, org, users, options) => {
  if (options.records <= 0) return
  const importer = users.find((u) => u.role === 'investigator')
  if (!importer) return
  const actor = await actAsUser(ctx, importer.username)
  const hold = heldBackCount(options.records)
  const plan: { reports: HeldBackRecord[]; intakes: HeldBackRecord[] } = {
    reports: [],
    intakes: [],
  }
  const truth = new Map<string, string>()
  const bySource = new Map<string, GeneratedRecord[]>()
  for (const g of generateRecords({ seed: 2024, records: options.records })) {
    const kind = g.fields.source ?? 'register'
    truth.set(g.fields.record_id, g.truth.person_id)
    const held = { fields: g.fields, personId: g.truth.person_id }
    // Reports and intakes come from a form with named fields: hold back named accounts only.
    const named = Boolean(g.fields.first_name && g.fields.family_name)
    if (named && kind === 'family-report' && plan.reports.length < hold) {
      plan.reports.push(held)
      continue
    }
    if (named && kind === 'intake' && plan.intakes.length < hold) {
      plan.intakes.push(held)
      continue
    }
    const list = bySource.get(kind) ?? []
    list.push(g)
    bySource.set(kind, list)
  }
  for (const [kind, list] of bySource) {
    const csv = formatRecordHeader() + list.map((g) => formatRecordRow(g.fields)).join('')
    const outcome = await importRecords(ctx, actor, {
      bytes: Buffer.from(csv, 'utf8'),
      fileName: `demo-${kind}.csv`,
      sourceKind: kind,
      document: DOCUMENTS[kind],
    })
    options.progress(`demo: imported ${outcome.recordCount} ${kind} records`)
  }
  await seedDemoTracing(ctx, org, users, { ...plan, truth }, options.progress)
}
