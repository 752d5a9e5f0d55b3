/** Where the CLI writes; main() sets it so tests can capture output without touching process.stdout. */
export interface CliIO {
  out: { write(text: string): unknown }
  err: { write(text: string): unknown }
}

let current: CliIO = { out: process.stdout, err: process.stderr }

export function io(): CliIO {
  return current
}

export function setIO(next: CliIO): void {
  current = next
}
