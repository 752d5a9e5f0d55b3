import { io } from './io.js'

/** Writing results: human lines by default, one JSON document (or JSON Lines) with --json. */
export interface Output {
  readonly json: boolean
  /** A human-readable line (suppressed in --json mode). */
  line(text: string): void
  /** A machine-readable value: printed as one JSON line in --json mode, else ignored. */
  data(value: unknown): void
}

export function createOutput(
  json: boolean,
  stream: { write(text: string): unknown } = io().out,
): Output {
  return {
    json,
    line(text) {
      if (!json) stream.write(text + '\n')
    },
    data(value) {
      if (json) stream.write(JSON.stringify(value) + '\n')
    },
  }
}
