/** The access policy rendered as a Markdown table for docs/access.md. */
import { ACTIONS, describeGrant } from './policy.js'
import { ROLES } from './roles.js'

export const ACCESS_TABLE_BEGIN =
  '<!-- access-table:begin (generated from src/core/access/policy.ts; `npm run docs:access`) -->'
export const ACCESS_TABLE_END = '<!-- access-table:end -->'

/** One row per action, one column per role; a cell names the highest sensitivity allowed. */
export function renderAccessTable(): string {
  const header = `| action | ${ROLES.join(' | ')} |`
  const rule = `| --- | ${ROLES.map(() => '---').join(' | ')} |`
  const rows = ACTIONS.map(
    (a) => `| \`${a}\` | ${ROLES.map((r) => describeGrant(r, a)).join(' | ')} |`,
  )
  return [ACCESS_TABLE_BEGIN, header, rule, ...rows, ACCESS_TABLE_END].join('\n')
}
