/**
 * Turns the bytes of a text file (CSV, PFIF XML) into a string, detecting the encoding.
 *
 * Accepted: UTF-8 with or without BOM; UTF-16 LE/BE with BOM; Windows-1256, which Arabic
 * Excel writes when it saves "CSV" and which is normal input here, not bad input.
 *
 * Mixed files (some lines valid UTF-8 with Arabic, others Windows-1256; the result of
 * concatenating exports from different machines) are decoded PER LINE: a line that is valid
 * UTF-8 is UTF-8, any other line is Windows-1256, and the result names the Windows-1256 lines
 * so that the import can warn about them. This is safe because Windows-1256 Arabic is
 * practically never valid UTF-8: its letters are bytes 0xC1–0xFE, and two letters in a row
 * (a lead byte followed by a non-continuation byte) already break UTF-8.
 *
 * Binary input (NUL or other C0 control bytes, or bytes that read as neither encoding) is an
 * error, never a guess.
 */
import iconv from 'iconv-lite'

import type { ImportIssue } from './import-issue.js'
import type { TextEncoding } from './record-import-result.js'

/** A decoded text, with what was detected. */
export interface DecodedText {
  ok: true
  text: string
  encoding: TextEncoding
  /** A byte order mark was present (and removed). */
  bom: boolean
  /** 1-based physical line numbers decoded as Windows-1256 when `encoding` is `mixed`. */
  windows1256Lines: number[]
}

/** Bytes that are not text in an encoding we read. */
export interface UndecodableText {
  ok: false
  issue: ImportIssue
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

// C0 controls other than tab, LF, CR; DEL. A text file never holds them; a binary one does.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/

/** Decode the bytes of a text file, detecting UTF-8 (BOM optional), UTF-16 (BOM) or Windows-1256. */
export function decodeText(bytes: Uint8Array): DecodedText | UndecodableText {
  const b0 = bytes[0]
  const b1 = bytes[1]
  if (b0 === 0xff && b1 === 0xfe) {
    return checkText(decodeWith(bytes.subarray(2), 'utf-16le'), 'utf-16le', true)
  }
  if (b0 === 0xfe && b1 === 0xff) {
    return checkText(decodeWith(bytes.subarray(2), 'utf-16be'), 'utf-16be', true)
  }

  const bom = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf
  const body = bom ? bytes.subarray(3) : bytes

  const nul = body.indexOf(0)
  if (nul !== -1) {
    return binary(
      `The file contains a NUL byte (line ${lineOfByte(body, nul)}): it is not a text file. ` +
        'Save it as CSV UTF-8 (or import the spreadsheet itself as XLSX).',
    )
  }

  const whole = tryUtf8(body)
  if (whole !== undefined) return checkText(whole, 'utf-8', bom)

  // Not valid UTF-8 as a whole: decide line by line (see the module comment).
  const windows1256Lines: number[] = []
  const lineStarts: number[] = []
  let utf8NonAscii = 0
  for (let start = 0, line = 1; start <= body.length; line++) {
    let end = body.indexOf(0x0a, start)
    if (end === -1) end = body.length
    const kind = classifyUtf8(body, start, end)
    if (kind === 'invalid') {
      windows1256Lines.push(line)
      lineStarts.push(start, end)
    } else if (kind === 'utf-8') {
      utf8NonAscii++
    }
    start = end + 1
  }
  let text: string
  let legacy: string[]
  if (utf8NonAscii === 0) {
    text = decodeWith(body, 'windows-1256')
    legacy = [text]
  } else {
    legacy = []
    const parts: string[] = []
    let at = 0
    for (let i = 0; i < lineStarts.length; i += 2) {
      const start = lineStarts[i]!
      const end = lineStarts[i + 1]!
      const line = decodeWith(body.subarray(start, end), 'windows-1256')
      legacy.push(line)
      parts.push(utf8Decoder.decode(body.subarray(at, start)), line)
      at = end
    }
    parts.push(utf8Decoder.decode(body.subarray(at)))
    text = parts.join('')
  }
  // Judge only what was read as Windows-1256: the UTF-8 lines may hold any script.
  if (!looksLikeWindows1256Text(legacy.join('\n'))) {
    return {
      ok: false,
      issue: {
        code: 'unknown_encoding',
        reason:
          'The file is neither UTF-8 nor Windows-1256 (Arabic) text. Save it as "CSV UTF-8" ' +
          'from your spreadsheet program and import it again.',
      },
    }
  }
  if (utf8NonAscii === 0) return checkText(text, 'windows-1256', bom)
  const checked = checkText(text, 'mixed', bom)
  if (checked.ok) checked.windows1256Lines = windows1256Lines
  return checked
}

function checkText(
  text: string,
  encoding: TextEncoding,
  bom: boolean,
): DecodedText | UndecodableText {
  const match = CONTROL_CHARACTER.exec(text)
  if (match !== null) {
    const line = countLines(text, match.index)
    return binary(
      `The file contains a control character (U+${match[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}) ` +
        `on line ${line}: it is not a text file, or it is damaged. Save it again as CSV UTF-8.`,
    )
  }
  return { ok: true, text, encoding, bom, windows1256Lines: [] }
}

function binary(reason: string): UndecodableText {
  return { ok: false, issue: { code: 'binary_file', reason } }
}

function tryUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8Decoder.decode(bytes)
  } catch {
    return undefined
  }
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding)
}

/**
 * Whether bytes[start, end) are ASCII, valid non-ASCII UTF-8, or not UTF-8. A hand loop:
 * a fatal TextDecoder throws on every Windows-1256 line, and exceptions are slow.
 */
function classifyUtf8(
  bytes: Uint8Array,
  start: number,
  end: number,
): 'ascii' | 'utf-8' | 'invalid' {
  let nonAscii = false
  let i = start
  while (i < end) {
    const b = bytes[i]!
    if (b < 0x80) {
      i++
      continue
    }
    nonAscii = true
    let need: number
    let min: number
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1
      min = 0x80
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2
      min = 0x800
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3
      min = 0x10000
    } else {
      return 'invalid'
    }
    if (i + need >= end) return 'invalid'
    let code = b & (0x3f >> need)
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) return 'invalid'
      code = (code << 6) | (c & 0x3f)
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8 (RFC 3629).
    if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return 'invalid'
    i += need + 1
  }
  return nonAscii ? 'utf-8' : 'ascii'
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++
  return line
}

function countLines(text: string, offset: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++
  return line
}

/**
 * Windows-1256 maps every byte to a character, so any byte soup "decodes". Real Arabic or
 * Latin text decoded from it is mostly Arabic letters, ASCII and Latin-1 letters; random bytes
 * give many typographic symbols (‰ † ‡ ƒ …). Refuse when those are over a fifth of the
 * non-ASCII characters.
 */
function looksLikeWindows1256Text(text: string): boolean {
  let nonAscii = 0
  let odd = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) continue
    nonAscii++
    const plausible =
      (c >= 0x0600 && c <= 0x06ff) || // Arabic block
      (c >= 0x00c0 && c <= 0x00ff) || // Latin-1 letters (kept at their Latin-1 places in 1256)
      c === 0x00a0 || // no-break space
      c === 0x00ab || // « »
      c === 0x00bb ||
      c === 0x200c || // zero-width non-joiner (Persian/Urdu text)
      c === 0x200d ||
      c === 0x200e || // LRM / RLM
      c === 0x200f
    if (!plausible) odd++
  }
  return nonAscii === 0 || odd * 5 <= nonAscii
}
