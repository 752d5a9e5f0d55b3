/** A progress bar on stderr for long work (silent when stderr is not a terminal and --json). */
import cliProgress from 'cli-progress'
import { io } from './io.js'

export interface ProgressReporter {
  update(fraction: number, stage: string): void
  stop(): void
}

export function createProgress(label: string, enabled = true): ProgressReporter {
  if (!enabled) return { update: () => undefined, stop: () => undefined }
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {stage}`,
      hideCursor: true,
      clearOnComplete: false,
      stream: io().err as NodeJS.WritableStream,
      noTTYOutput: true,
      notTTYSchedule: 2000,
    },
    cliProgress.Presets.shades_classic,
  )
  bar.start(100, 0, { stage: 'starting' })
  return {
    update(fraction, stage) {
      bar.update(Math.round(fraction * 100), { stage })
    },
    stop() {
      bar.stop()
    },
  }
}
