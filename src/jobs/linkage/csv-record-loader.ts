/**
 * A lean, fast reader of person-record CSV files (shared/spec/record-csv.md) for the
 * million-row `athar link` path: bytes are scanned once (RFC 4180 quoting), only the
 * columns linkage reads become strings, and every column is interned on the fly into
 * distinct values + a per-row integer index — no object per row.
 */
import { isUtf8 } from 'node:buffer'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import iconv from 'iconv-lite'
import {
  LINKAGE_INPUT_FIELDS,
  type LinkageInputField,
  type RawColumn,
  type RawRecordColumns,
} from '../../core/linkage/index.js'

/** A problem with an input file, reported as one line. */
export class LinkageInputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LinkageInputError'
  }
}

const COMMA = 0x2c
const QUOTE = 0x22
const CR = 0x0d
const LF = 0x0a

/** Field boundaries of one parsed row (reused between rows). */
interface RowCursor {
  count: number
  starts: Int32Array
  ends: Int32Array
  escaped: Uint8Array
}

/**
 * Scan a CSV buffer row by row. `onRow` gets the cursor and the 1-based line number of
 * the row's start; it returns false to stop.
 */
export function scanCsv(
  buf: Buffer,
  onRow: (row: RowCursor, line: number) => boolean | void,
): void {
  const n = buf.length
  let pos = n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0
  let cursor: RowCursor = {
    count: 0,
    starts: new Int32Array(64),
    ends: new Int32Array(64),
    escaped: new Uint8Array(64),
  }
  let line = 1
  while (pos < n) {
    const rowLine = line
    let col = 0
    for (;;) {
      if (col === cursor.starts.length) cursor = growCursor(cursor)
      let start: number
      let end: number
      let escaped = 0
      if (buf[pos] === QUOTE) {
        pos++
        start = pos
        for (;;) {
          const q = buf.indexOf(QUOTE, pos)
          if (q < 0) throw new LinkageInputError(`line ${rowLine}: unterminated quoted field`)
          for (let p = pos; p < q; p++) if (buf[p] === LF) line++
          if (buf[q + 1] === QUOTE) {
            escaped = 1
            pos = q + 2
            continue
          }
          end = q
          pos = q + 1
          break
        }
      } else {
        start = pos
        while (pos < n) {
          const b = buf[pos]
          if (b === COMMA || b === LF || b === CR) break
          pos++
        }
        end = pos
      }
      cursor.starts[col] = start
      cursor.ends[col] = end
      cursor.escaped[col] = escaped
      col++
      if (buf[pos] === COMMA) {
        pos++
        continue
      }
      // Anything else after a closing quote up to the separator is tolerated and skipped.
      while (pos < n && buf[pos] !== COMMA && buf[pos] !== LF && buf[pos] !== CR) pos++
      if (buf[pos] === COMMA) {
        pos++
        continue
      }
      if (buf[pos] === CR) pos++
      if (buf[pos] === LF) pos++
      line++
      break
    }
    cursor.count = col
    // A blank line is no record.
    if (col === 1 && cursor.starts[0] === cursor.ends[0]) continue
    if (onRow(cursor, rowLine) === false) return
  }
}

function growCursor(c: RowCursor): RowCursor {
  const size = c.starts.length * 2
  const starts = new Int32Array(size)
  starts.set(c.starts)
  const ends = new Int32Array(size)
  ends.set(c.ends)
  const escaped = new Uint8Array(size)
  escaped.set(c.escaped)
  return { count: c.count, starts, ends, escaped }
}

/** The text of field `col` of the current row ('' when the row is short). */
export function fieldText(buf: Buffer, row: RowCursor, col: number): string {
  if (col >= row.count) return ''
  const s = row.starts[col] as number
  const e = row.ends[col] as number
  if (s === e) return ''
  let text = buf.toString('utf8', s, e)
  if (row.escaped[col]) text = text.replaceAll('""', '"')
  const first = buf[s] as number
  const last = buf[e - 1] as number
  if (first <= 0x20 || last <= 0x20) text = text.trim()
  return text
}

/** Read a file as UTF-8; a Windows-1256 file (the usual non-UTF-8 Arabic export) is decoded. */
export async function readCsvBuffer(
  path: string,
): Promise<{ buffer: Buffer; encoding: 'utf-8' | 'windows-1256' }> {
  let buffer: Buffer
  try {
    buffer = await readFile(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new LinkageInputError(
      code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? 'error'})`,
    )
  }
  if (buffer.length === 0) throw new LinkageInputError(`${path}: empty file`)
  if (isUtf8(buffer)) return { buffer, encoding: 'utf-8' }
  // Not UTF-8: Arabic spreadsheets exported on Windows are Windows-1256. Decoding it is
  // cheap; `athar import` does full encoding detection for other cases.
  return {
    buffer: Buffer.from(iconv.decode(buffer, 'windows-1256'), 'utf8'),
    encoding: 'windows-1256',
  }
}

/** One loaded file. */
export interface LoadedFile {
  path: string
  encoding: 'utf-8' | 'windows-1256'
  raw: RawRecordColumns
}

/** Load a person-record CSV into raw interned columns. */
export async function loadRecordFile(path: string): Promise<LoadedFile> {
  const { buffer, encoding } = await readCsvBuffer(path)
  let header: string[] | undefined
  let idCol = -1
  const fields: Array<{
    field: LinkageInputField
    col: number
    map: Map<string, number>
    values: string[]
    rows: number[]
  }> = []
  const recordIds: string[] = []
  const seen = new Set<string>()
  scanCsv(buffer, (row, line) => {
    if (!header) {
      header = Array.from({ length: row.count }, (_, c) => fieldText(buffer, row, c).toLowerCase())
      idCol = header.indexOf('record_id')
      if (idCol < 0) throw new LinkageInputError(`${path}: no record_id column in the header`)
      for (const field of LINKAGE_INPUT_FIELDS) {
        const col = header.indexOf(field)
        if (col >= 0) fields.push({ field, col, map: new Map(), values: [], rows: [] })
      }
      return
    }
    const id = fieldText(buffer, row, idCol)
    if (id === '') throw new LinkageInputError(`${path}: line ${line}: blank record_id`)
    if (seen.has(id)) {
      throw new LinkageInputError(`${path}: line ${line}: duplicate record_id ${id}`)
    }
    seen.add(id)
    recordIds.push(id)
    for (const f of fields) {
      // Interned by the cell's bytes (a latin1 string is a plain byte copy, much cheaper
      // than UTF-8 decoding); a cell is decoded only the first time its bytes are seen.
      const c = f.col
      const start = c < row.count ? (row.starts[c] as number) : 0
      const end = c < row.count ? (row.ends[c] as number) : 0
      if (start === end) {
        f.rows.push(-1)
        continue
      }
      const bytes = buffer.toString('latin1', start, end)
      let k = f.map.get(bytes)
      if (k === undefined) {
        const text = fieldText(buffer, row, c)
        if (text === '') k = -1
        else {
          k = f.values.length
          f.values.push(text)
        }
        f.map.set(bytes, k)
      }
      f.rows.push(k)
    }
  })
  if (!header) throw new LinkageInputError(`${path}: empty file`)
  if (recordIds.length === 0) throw new LinkageInputError(`${path}: no records after the header`)
  const columns: Partial<Record<LinkageInputField, RawColumn>> = {}
  for (const f of fields) columns[f.field] = { values: f.values, rows: Int32Array.from(f.rows) }
  return { path, encoding, raw: { count: recordIds.length, recordIds, columns } }
}

/**
 * Record ids of several files: kept as they are when no id occurs in two files;
 * otherwise every id is prefixed with its file's base name (`a.csv:17`), so the output
 * names each record unambiguously (docs/decisions/0003-linkage-engine.md).
 */
export function qualifyRecordIds(files: readonly LoadedFile[]): boolean {
  if (files.length < 2) return false
  const seen = new Set<string>()
  let collision = false
  for (const f of files) {
    for (const id of f.raw.recordIds) {
      if (seen.has(id)) {
        collision = true
        break
      }
      seen.add(id)
    }
    if (collision) break
  }
  if (!collision) return false
  const names = files.map((f) => basename(f.path))
  const prefixes = names.map((name, i) =>
    names.indexOf(name) === i && names.lastIndexOf(name) === i ? name : `${i + 1}.${name}`,
  )
  files.forEach((f, i) => {
    const prefix = prefixes[i] as string
    f.raw.recordIds = f.raw.recordIds.map((id) => `${prefix}:${id}`)
  })
  return true
}

/** Read selected columns of any CSV as strings (for truth files in benchmarks and tests). */
export async function readCsvColumns(
  path: string,
  wanted: readonly string[],
): Promise<Record<string, string[]>> {
  const { buffer } = await readCsvBuffer(path)
  const out: Record<string, string[]> = Object.fromEntries(wanted.map((w) => [w, [] as string[]]))
  let cols: number[] | undefined
  scanCsv(buffer, (row) => {
    if (!cols) {
      const header = Array.from({ length: row.count }, (_, c) =>
        fieldText(buffer, row, c).toLowerCase(),
      )
      cols = wanted.map((w) => header.indexOf(w))
      return
    }
    wanted.forEach((w, k) => {
      const c = (cols as number[])[k] as number
      ;(out[w] as string[]).push(c < 0 ? '' : fieldText(buffer, row, c))
    })
  })
  return out
}
