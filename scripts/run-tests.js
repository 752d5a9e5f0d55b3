#!/usr/bin/env node
// Runs the whole suite with Node's own test runner. Node 20 has no glob support in
// `node --test`, so the files are found here. The web app is built first because the
// end-to-end tests drive the built app in Chromium.
import { spawn, spawnSync } from 'node:child_process'
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

// Guards against a hang ever eating CI's budget again (one run once waited 90 minutes):
// no single test may take more than 5 minutes, a file whose tests are done exits even if
// a handle is left open, and the whole run is stopped after 30 minutes (it takes 1–3).
const TEST_TIMEOUT_MS = 5 * 60_000
const RUN_TIMEOUT_MS = 30 * 60_000
// The runner gets its own process group so that a stop takes its test processes with it.
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    `--test-timeout=${TEST_TIMEOUT_MS}`,
    '--test-force-exit',
    '--test-reporter=spec',
    ...files,
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' }, detached: true },
)
const stopAll = (/** @type {NodeJS.Signals} */ signal) => {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal)
  } catch {
    // already gone
  }
}
const watchdog = setTimeout(() => {
  console.error(
    `test run stopped after ${RUN_TIMEOUT_MS / 60_000} minutes; the file after the last one reported above did not finish`,
  )
  stopAll('SIGKILL')
}, RUN_TIMEOUT_MS)
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => stopAll(signal))
}
child.on('exit', (code, signal) => {
  clearTimeout(watchdog)
  process.exit(signal ? 1 : (code ?? 1))
})
