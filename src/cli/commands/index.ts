import type { Command } from 'commander'

/** Every command's register function; add new commands here. */
export const COMMANDS: Array<(program: Command) => void> = []
