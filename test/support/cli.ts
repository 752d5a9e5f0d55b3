/** Run the CLI in-process and capture what it prints (through main's IO, not process.stdout). */
import { main } from '../../src/cli/main.js'
import { setIO } from '../../src/cli/io.js'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

export async function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const out: string[] = []
  const err: string[] = []
  const saved: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k]
    process.env[k] = v
  }
  try {
    const code = await main(args, {
      out: { write: (s: string) => out.push(s) },
      err: { write: (s: string) => err.push(s) },
    })
    return { code, stdout: out.join(''), stderr: err.join('') }
  } finally {
    setIO({ out: process.stdout, err: process.stderr })
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}
