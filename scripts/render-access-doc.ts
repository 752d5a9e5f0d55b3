// Rewrites the generated access table inside docs/access.md from the policy code.
import { readFileSync, writeFileSync } from 'node:fs'
import { ACCESS_TABLE_END, renderAccessTable } from '../src/core/access/access-table.js'

const path = new URL('../docs/access.md', import.meta.url)
const doc = readFileSync(path, 'utf8')
const start = doc.indexOf('<!-- access-table:begin')
const end = doc.indexOf(ACCESS_TABLE_END)
if (start < 0 || end < 0) throw new Error('docs/access.md has no access-table markers')
writeFileSync(
  path,
  doc.slice(0, start) + renderAccessTable() + doc.slice(end + ACCESS_TABLE_END.length),
)
console.log('docs/access.md updated')
