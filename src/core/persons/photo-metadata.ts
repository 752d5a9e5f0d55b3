/**
 * Removing metadata from intake photos before they are hashed and stored. A phone photo
 * carries EXIF (GPS position, time, device serial), XMP and comments: at a prison gate
 * that can place a person, a field officer or a family. We keep only what is needed to
 * show the picture.
 *
 * Pure JavaScript over bytes (no image library: sharp brings a native libvips build for a
 * job that is only cutting segments out of a container). Nothing is decoded or
 * re-encoded, so the pixels are exactly the ones taken.
 *
 * - JPEG: drop APP1..APP15 (EXIF, XMP, ICC, Photoshop IRB, …) and COM segments, and
 *   anything after EOI; keep APP0 (JFIF), the tables, frames and scans. APP14 "Adobe" is
 *   the one exception: it holds only the colour transform a decoder needs for CMYK files.
 * - PNG: drop tEXt, zTXt, iTXt, eXIf and tIME chunks and anything after IEND.
 * - WebP: drop the EXIF and XMP chunks and clear their flags in VP8X.
 */

export type PhotoFormat = 'jpeg' | 'png' | 'webp'

export type StripResult =
  | {
      ok: true
      format: PhotoFormat
      bytes: Uint8Array
      /** Pixel size read from the frame header (JPEG SOF, PNG IHDR, WebP VP8X); null when absent. */
      width: number | null
      height: number | null
      /** Names of what was removed, e.g. `APP1`, `COM`, `tEXt`, `EXIF` (for the audit details). */
      removed: string[]
    }
  | { ok: false; reason: string }

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** The container format by its magic bytes, or undefined. */
export function detectPhotoFormat(bytes: Uint8Array): PhotoFormat | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return 'jpeg'
  }
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'png'
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
    return 'webp'
  }
  return undefined
}

/** Strip metadata from a JPEG, PNG or WebP; refuses a file whose container is broken. */
export function stripPhotoMetadata(bytes: Uint8Array): StripResult {
  switch (detectPhotoFormat(bytes)) {
    case 'jpeg':
      return stripJpeg(bytes)
    case 'png':
      return stripPng(bytes)
    case 'webp':
      return stripWebp(bytes)
    case undefined:
      return { ok: false, reason: 'not a JPEG, PNG or WebP file' }
  }
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length))
}

function u16be(b: Uint8Array, i: number): number {
  return ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0)
}

function u32be(b: Uint8Array, i: number): number {
  return (
    (b[i] ?? 0) * 0x1000000 + (((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0))
  )
}

function u32le(b: Uint8Array, i: number): number {
  return (
    (b[i] ?? 0) + (b[i + 1] ?? 0) * 0x100 + (b[i + 2] ?? 0) * 0x10000 + (b[i + 3] ?? 0) * 0x1000000
  )
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

const SOF_MARKERS = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
])

function stripJpeg(b: Uint8Array): StripResult {
  const kept: Uint8Array[] = [b.subarray(0, 2)]
  const removed: string[] = []
  let width: number | null = null
  let height: number | null = null
  let i = 2
  let sawScan = false
  for (;;) {
    if (i >= b.length) return { ok: false, reason: 'JPEG ends before its EOI marker' }
    if (b[i] !== 0xff) return { ok: false, reason: `JPEG: no marker at byte ${i}` }
    // Fill bytes (0xFF repeated) may precede a marker.
    while (i + 1 < b.length && b[i + 1] === 0xff) i++
    const marker = b[i + 1]
    if (marker === undefined) return { ok: false, reason: 'JPEG ends inside a marker' }
    if (marker === 0xd9) {
      if (!sawScan) return { ok: false, reason: 'JPEG has no image data' }
      kept.push(b.subarray(i, i + 2))
      break // anything after EOI (maker trailers, appended files) is dropped
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      kept.push(b.subarray(i, i + 2))
      i += 2
      continue
    }
    if (i + 4 > b.length) return { ok: false, reason: 'JPEG ends inside a segment header' }
    const length = u16be(b, i + 2)
    const end = i + 2 + length
    if (length < 2 || end > b.length) {
      return { ok: false, reason: `JPEG segment at byte ${i} runs past the end` }
    }
    const isApp = marker >= 0xe1 && marker <= 0xef
    const isAdobe = marker === 0xee && ascii(b, i + 4, 5) === 'Adobe'
    if ((isApp && !isAdobe) || marker === 0xfe) {
      removed.push(marker === 0xfe ? 'COM' : `APP${marker - 0xe0}`)
    } else {
      kept.push(b.subarray(i, end))
    }
    if (SOF_MARKERS.has(marker) && length >= 7) {
      height = u16be(b, i + 5)
      width = u16be(b, i + 7)
    }
    i = end
    if (marker === 0xda) {
      sawScan = true
      // Entropy-coded data: runs until a marker that is neither a stuffed 0xFF00 nor a restart.
      const start = i
      while (i + 1 < b.length) {
        if (b[i] === 0xff) {
          const next = b[i + 1] ?? 0
          if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) break
        }
        i++
      }
      if (i + 1 >= b.length) return { ok: false, reason: 'JPEG ends inside its image data' }
      kept.push(b.subarray(start, i))
    }
  }
  if (width === null || height === null || width === 0 || height === 0) {
    return { ok: false, reason: 'JPEG has no frame header with a size' }
  }
  return { ok: true, format: 'jpeg', bytes: concat(kept), width, height, removed }
}

const PNG_DROPPED = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME'])

function stripPng(b: Uint8Array): StripResult {
  const kept: Uint8Array[] = [b.subarray(0, 8)]
  const removed: string[] = []
  let width: number | null = null
  let height: number | null = null
  let i = 8
  for (;;) {
    if (i + 12 > b.length) return { ok: false, reason: 'PNG ends before its IEND chunk' }
    const length = u32be(b, i)
    const type = ascii(b, i + 4, 4)
    const end = i + 12 + length
    if (!/^[A-Za-z]{4}$/.test(type) || end > b.length) {
      return { ok: false, reason: `PNG chunk at byte ${i} is broken` }
    }
    if (i === 8) {
      if (type !== 'IHDR' || length < 8) {
        return { ok: false, reason: 'PNG does not start with IHDR' }
      }
      width = u32be(b, i + 8)
      height = u32be(b, i + 12)
    }
    if (PNG_DROPPED.has(type)) removed.push(type)
    else kept.push(b.subarray(i, end))
    i = end
    if (type === 'IEND') break
  }
  if (!width || !height) return { ok: false, reason: 'PNG has no size' }
  return { ok: true, format: 'png', bytes: concat(kept), width, height, removed }
}

function stripWebp(b: Uint8Array): StripResult {
  const riffEnd = 8 + u32le(b, 4)
  if (riffEnd > b.length || riffEnd < 12) return { ok: false, reason: 'WebP size is broken' }
  const kept: Uint8Array[] = []
  const removed: string[] = []
  let width: number | null = null
  let height: number | null = null
  let vp8x: Uint8Array | undefined
  let i = 12
  while (i < riffEnd) {
    if (i + 8 > riffEnd) return { ok: false, reason: `WebP chunk at byte ${i} is broken` }
    const type = ascii(b, i, 4)
    const size = u32le(b, i + 4)
    const end = i + 8 + size + (size % 2)
    if (end > riffEnd) return { ok: false, reason: `WebP chunk ${type} runs past the end` }
    if (type === 'EXIF' || type === 'XMP ') {
      removed.push(type.trim())
    } else {
      const chunk = b.slice(i, end)
      if (type === 'VP8X' && size >= 10) {
        vp8x = chunk
        width = 1 + (chunk[12]! | (chunk[13]! << 8) | (chunk[14]! << 16))
        height = 1 + (chunk[15]! | (chunk[16]! << 8) | (chunk[17]! << 16))
      }
      kept.push(chunk)
    }
    i = end
  }
  // The VP8X flags announce EXIF (bit 3) and XMP (bit 2): clear them with the chunks gone.
  if (vp8x) vp8x[8] = vp8x[8]! & ~0x0c
  const body = concat(kept)
  const header = new Uint8Array(12)
  header.set(b.subarray(0, 12))
  const total = 4 + body.length
  header[4] = total & 0xff
  header[5] = (total >>> 8) & 0xff
  header[6] = (total >>> 16) & 0xff
  header[7] = (total >>> 24) & 0xff
  return { ok: true, format: 'webp', bytes: concat([header, body]), width, height, removed }
}
