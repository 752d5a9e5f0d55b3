/**
 * `athar` — the command line. Each command lives in commands/<name>.command.ts and
 * exports `register(program)`. Commands call services (never SQL), print one line per
 * failure and exit non-zero.
 */
import { Command, CommanderError } from 'commander'
import { CliError } from './cli-error.js'
import { COMMANDS } from './commands/index.js'
import { io, setIO, type CliIO } from './io.js'

export function buildProgram(): Command {
  const program = new Command()
  program
    .name('athar')
    .description('Athar (أثر): tracing the disappeared — records, linkage, evidence, operations.')
    .version('0.1.0')
    .showHelpAfterError(false)
    .exitOverride()
  for (const register of COMMANDS) register(program)
  return program
}

export async function main(argv: string[], streams?: CliIO): Promise<number> {
  if (streams) setIO(streams)
  const program = buildProgram()
  program.configureOutput({
    writeOut: (s) => io().out.write(s),
    writeErr: (s) => io().err.write(s),
  })
  try {
    await program.parseAsync(argv, { from: 'user' })
    return 0
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version are "errors" to commander; they already printed.
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        return 0
      }
      return error.exitCode === 0 ? 0 : 2
    }
    if (error instanceof CliError) {
      io().err.write(`athar: ${error.message}\n`)
      return error.exitCode
    }
    const message = error instanceof Error ? error.message : String(error)
    io().err.write(`athar: ${message.split('\n')[0] ?? 'failed'}\n`)
    if (process.env.ATHAR_DEBUG) console.error(error)
    return 1
  }
}
