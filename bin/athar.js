#!/usr/bin/env node
// Runs the compiled CLI when it exists (npm run build), else the TypeScript sources
// through tsx, so `npx athar` works on a fresh clone without a build step.
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { dirname, join } from 'node:path'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const compiled = join(root, 'dist', 'src', 'cli', 'main.js')
let entry
if (existsSync(compiled) && !process.env.ATHAR_FROM_SOURCE) {
  entry = pathToFileURL(compiled).href
} else {
  const { register } = await import('tsx/esm/api')
  register()
  entry = pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href
}
const { main } = await import(entry)
process.exitCode = await main(process.argv.slice(2))
