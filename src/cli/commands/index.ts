import type { Command } from 'commander'
import { register as registerServe } from './serve.command.js'
import { register as registerDemo, registerDemoSeeders } from './demo.command.js'
import { seedDemoRecords } from '../demo-records.js'
import { register as registerMigrate } from './migrate.command.js'
import { register as registerUser } from './user.command.js'
import { register as registerVerify } from './verify.command.js'
import { register as registerImport } from './import.command.js'
import { register as registerSearch } from './search.command.js'
import { register as registerExport } from './export.command.js'
import { register as registerLink } from './link.command.js'
import { register as registerModel } from './model.command.js'
import { register as registerExplain } from './explain.command.js'
import { register as registerLinkDb } from './link-db.command.js'

/** Every command's register function; add new commands here. */
export const COMMANDS: Array<(program: Command) => void> = [
  registerServe,
  registerDemo,
  registerMigrate,
  registerUser,
  registerVerify,
  registerImport,
  registerSearch,
  registerExport,
  registerLink,
  registerModel,
  registerExplain,
  registerLinkDb,
]

registerDemoSeeders(seedDemoRecords)
