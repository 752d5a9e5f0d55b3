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

// A server allocates many short-lived objects per request (rows, JSON, query builders). With a
// 64 MB young generation instead of V8's 16 MB it answered 10% more searches a second (853
// against 776 at 32 connections, docs/benchmarks-search.md). V8 sizes it once at start-up,
// so the server commands run in a child Node given the flag, unless a size was chosen already.
// Ctrl+C reaches the child from the terminal itself; SIGTERM and SIGHUP are passed on.
const SERVER_COMMANDS = new Set(['serve', 'demo'])
const sized = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(' ')].some((a) =>
  a.startsWith('--max-semi-space-size'),
)
if (SERVER_COMMANDS.has(process.argv[2] ?? '') && !sized) {
  const { spawn } = await import('node:child_process')
  const child = spawn(
    process.execPath,
    ['--max-semi-space-size=64', ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  )
  process.on('SIGINT', () => {})
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal === null ? 0 : 1)
  })
} else {
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
}
