#!/usr/bin/env node
// Runs the compiled CLI when a build exists that is newer than every source file
// (npm run build writes dist/.build-stamp), else the TypeScript sources through tsx, so
// `npx athar` works on a fresh clone and never runs stale code after an edit.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { dirname, join } from 'node:path'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const compiled = join(root, 'dist', 'src', 'cli', 'main.js')
const stamp = join(root, 'dist', '.build-stamp')

function newestSource(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path))
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

function buildIsFresh() {
  if (process.env.ATHAR_FROM_SOURCE) return false
  if (!existsSync(compiled) || !existsSync(stamp)) return false
  const sources = [join(root, 'src'), join(root, 'bench', 'generator')].filter((d) => existsSync(d))
  const built = statSync(stamp).mtimeMs
  return sources.every((d) => newestSource(d) <= built)
}

let entry
if (buildIsFresh()) {
  entry = pathToFileURL(compiled).href
} else {
  const { register } = await import('tsx/esm/api')
  register()
  entry = pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href
}
const { main } = await import(entry)
process.exitCode = await main(process.argv.slice(2))
