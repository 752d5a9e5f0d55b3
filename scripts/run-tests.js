#!/usr/bin/env node
// Runs the whole suite with Node's own test runner. Node 20 has no glob support in
// `node --test`, so the files are found here. The web app is built first because the
// end-to-end tests drive the built app in Chromium.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const roots = ['src', 'bench', 'test', 'web']
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const skipBuild = process.argv.includes('--no-build')

/** @param {string} dir @returns {string[]} */
function findTests(dir) {
  /** @type {string[]} */
  const out = []
  let entries
  try {
    entries = readdirSync(dir)
  } catch {
    return out
  }
  for (const name of entries) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...findTests(path))
    else if (name.endsWith('.test.ts')) out.push(relative(root, path))
  }
  return out
}

let files = roots.flatMap((r) => findTests(join(root, r))).sort()
if (only.length > 0) files = files.filter((f) => only.some((o) => f.includes(o)))
if (files.length === 0) {
  console.error('no test files found')
  process.exit(1)
}

if (!skipBuild && files.some((f) => f.startsWith('test/e2e'))) {
  const build = spawnSync('npm', ['run', 'build:web', '--silent'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
)
process.exit(result.status ?? 1)
