/**
 * `athar serve` through bin/athar.js: the server runs in a child Node with a 64 MB young
 * generation unless a size was given, answers, and stops with its parent on SIGTERM.
 * Linux only (child processes are found through /proc).
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const bin = fileURLToPath(new URL('../../bin/athar.js', import.meta.url))
const onLinux = existsSync('/proc/self/stat')

/** Command lines of the processes whose parent is `pid`. */
function childrenOf(pid: number): string[] {
  const out: string[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // The parent pid is the 4th field, after the parenthesised command name.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid === pid) {
        out.push(readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' '))
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return out
}

async function startServe(
  nodeArgs: string[],
  dir: string,
): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(
    process.execPath,
    [...nodeArgs, bin, 'serve', '--db', join(dir, 'a.db'), '--port', '0', '--json'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } },
  )
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout as NodeJS.ReadableStream })
    lines.on('line', (line) => {
      if (line.startsWith('{')) resolve((JSON.parse(line) as { url: string }).url)
    })
    proc.once('exit', (code) => reject(new Error(`serve exited (${String(code)})`)))
  })
  return { proc, url }
}

function exited(proc: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) resolve(proc.exitCode)
    else proc.once('exit', (code) => resolve(code))
  })
}

void describe('athar serve as a process', { skip: !onLinux && 'needs /proc' }, () => {
  void it('runs the server in a child with a 64 MB young generation; SIGTERM stops both', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'athar-serve-'))
    try {
      const { proc, url } = await startServe([], dir)
      assert.equal((await fetch(`${url}/healthz`)).status, 200)
      const children = childrenOf(proc.pid ?? -1)
      assert.equal(children.length, 1, children.join('\n'))
      assert.match(children[0] ?? '', /--max-semi-space-size=64 .*athar\.js serve/)
      proc.kill('SIGTERM')
      assert.equal(await exited(proc), 0)
      await assert.rejects(fetch(`${url}/healthz`), 'the server is gone with its parent')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  void it('serves in the process started when a size was given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'athar-serve-'))
    try {
      const { proc, url } = await startServe(['--max-semi-space-size=32'], dir)
      assert.equal((await fetch(`${url}/healthz`)).status, 200)
      assert.deepEqual(
        childrenOf(proc.pid ?? -1).filter((c) => c.includes('athar.js')),
        [],
      )
      proc.kill('SIGTERM')
      assert.equal(await exited(proc), 0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
