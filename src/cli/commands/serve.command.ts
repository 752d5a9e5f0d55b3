import type { Command } from 'commander'
import { stopSearch, warmUpSearch } from '../../services/search.service.js'
import { openRuntime } from '../../services/runtime.js'
import { startServer } from '../../http/server.js'
import { createOutput } from '../output.js'
import { CliError } from '../cli-error.js'
import { toCliError } from '../exit-codes.js'
import { addDbOption, addJsonOption, parsePort, type DbOptions } from './common.js'

interface ServeOptions extends DbOptions {
  port?: string
  host?: string
  secure?: boolean
  searchThreads?: string
}

/** `--search-threads N`: a whole number of threads, 0 (search in the server thread) to 64. */
export function parseSearchThreads(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (value.trim() === '' || !Number.isInteger(n) || n < 0 || n > 64) {
    throw new CliError(`invalid --search-threads "${value}": use a number from 0 to 64`, 64)
  }
  return n
}

/**
 * Search threads `athar serve` runs when neither --search-threads nor ATHAR_SEARCH_THREADS
 * says: one. At 1,000,000 records it answered 1,692 searches a second at p95 29 ms where the
 * server thread alone answered 619 at p95 139 ms, and the index moves to it rather than being
 * copied: with search threads the server thread holds none (docs/benchmarks-search.md,
 * decision 0009).
 */
export const SERVE_SEARCH_THREADS = 1

/** Keep serving until SIGINT/SIGTERM, then close cleanly. */
export async function serveUntilSignal(close: () => Promise<void>): Promise<void> {
  await new Promise<void>((resolveStop) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      void close().finally(resolveStop)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}

export function register(program: Command): void {
  addJsonOption(addDbOption(program.command('serve')))
    .description('serve the API and the web app')
    .option('--port <port>', 'port to listen on (default: $PORT or 8080; 0 = any free port)')
    .option('--host <host>', 'address to bind (default 127.0.0.1)')
    .option('--secure', 'behind TLS: __Host- Secure cookies')
    .option(
      '--search-threads <n>',
      `run name searches in N threads, each with its own copy of the index; 0 = in the server thread (default: $ATHAR_SEARCH_THREADS or ${SERVE_SEARCH_THREADS})`,
    )
    .action(async (opts: ServeOptions) => {
      const out = createOutput(opts.json ?? false)
      const searchThreads = parseSearchThreads(opts.searchThreads)
      let server
      let ctx
      try {
        const runtime = await openRuntime({ db: opts.db })
        ctx = {
          ...runtime,
          config: {
            ...runtime.config,
            searchThreads: searchThreads ?? runtime.config.searchThreads ?? SERVE_SEARCH_THREADS,
          },
        }
        server = await startServer({
          ctx,
          port: parsePort(opts.port, 8080),
          host: opts.host,
          secureCookies: opts.secure,
        })
      } catch (error) {
        await ctx?.handle.close()
        throw toCliError(error)
      }
      warmUpSearch(ctx)
      out.data({
        url: server.url,
        database: ctx.handle.location,
        searchThreads: ctx.config.searchThreads,
      })
      out.line(`Athar is serving ${ctx.handle.location} at ${server.url}  (Ctrl+C to stop)`)
      const handle = ctx.handle
      const running = ctx
      await serveUntilSignal(async () => {
        await server.close()
        await stopSearch(running)
        await handle.close()
      })
    })
}
