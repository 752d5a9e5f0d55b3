import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { detectPhotoFormat, stripPhotoMetadata } from './photo-metadata.js'
import {
  PLAIN_JPEG_BASE64,
  PLAIN_PNG_BASE64,
  SECRET_MARKERS,
  jpegWithGps,
  pngWithText,
} from './photo-fixtures.js'

const latin1 = (b: Uint8Array): string => Buffer.from(b).toString('latin1')

/** The JPEG's markers in order up to SOS (what a decoder walks first). */
function jpegMarkers(b: Uint8Array): string[] {
  const out: string[] = []
  let i = 2
  while (i + 4 <= b.length) {
    const m = b[i + 1]!
    out.push(m.toString(16))
    if (m === 0xda) break
    i += 2 + ((b[i + 2]! << 8) | b[i + 3]!)
  }
  return out
}

void describe('photo metadata stripping', () => {
  it('removes EXIF with GPS, XMP, comments and trailing bytes from a JPEG and keeps the picture', () => {
    const input = jpegWithGps()
    for (const m of SECRET_MARKERS) assert.ok(latin1(input).includes(m), `fixture carries ${m}`)
    const out = stripPhotoMetadata(input)
    assert.ok(out.ok, out.ok ? '' : out.reason)
    assert.equal(out.format, 'jpeg')
    for (const m of SECRET_MARKERS) assert.ok(!latin1(out.bytes).includes(m), `${m} is gone`)
    assert.deepEqual(out.removed, ['APP1', 'APP1', 'COM', 'APP2'])
    // Still a JPEG: SOI first, EOI last, the frame's size unchanged.
    assert.deepEqual([...out.bytes.subarray(0, 2)], [0xff, 0xd8])
    assert.deepEqual([...out.bytes.subarray(-2)], [0xff, 0xd9])
    assert.equal(out.width, 16)
    assert.equal(out.height, 12)
    assert.deepEqual(jpegMarkers(out.bytes), ['e0', 'db', 'db', 'c0', 'c4', 'c4', 'c4', 'c4', 'da'])
    // The image data is byte for byte the original's.
    const plain = Buffer.from(PLAIN_JPEG_BASE64, 'base64')
    const sos = (b: Uint8Array) => Buffer.from(b).indexOf(Buffer.from([0xff, 0xda]))
    assert.ok(Buffer.from(out.bytes.subarray(sos(out.bytes))).equals(plain.subarray(sos(plain))))
  })

  it('is idempotent: stripping a stripped JPEG changes nothing', () => {
    const once = stripPhotoMetadata(jpegWithGps())
    assert.ok(once.ok)
    const twice = stripPhotoMetadata(once.bytes)
    assert.ok(twice.ok)
    assert.deepEqual(twice.removed, [])
    assert.equal(
      createHash('sha256').update(twice.bytes).digest('hex'),
      createHash('sha256').update(once.bytes).digest('hex'),
    )
  })

  it('keeps the Adobe APP14 segment a CMYK decoder needs', () => {
    const plain = Buffer.from(PLAIN_JPEG_BASE64, 'base64')
    const adobe = Buffer.from([
      0xff,
      0xee,
      0x00,
      0x0e,
      ...Buffer.from('Adobe'),
      0,
      100,
      0,
      0,
      0,
      0,
      1,
    ])
    const input = Buffer.concat([plain.subarray(0, 20), adobe, plain.subarray(20)])
    const out = stripPhotoMetadata(input)
    assert.ok(out.ok)
    assert.ok(latin1(out.bytes).includes('Adobe'))
  })

  it('removes text and EXIF chunks from a PNG and keeps IHDR, IDAT and IEND', () => {
    const input = pngWithText()
    const out = stripPhotoMetadata(input)
    assert.ok(out.ok, out.ok ? '' : out.reason)
    assert.equal(out.format, 'png')
    assert.deepEqual(out.removed, ['tEXt', 'iTXt', 'eXIf'])
    for (const m of ['synthetic-comment', 'xmp:GPS', 'GPS-SYNTHETIC']) {
      assert.ok(!latin1(out.bytes).includes(m))
    }
    assert.ok(Buffer.from(out.bytes).equals(Buffer.from(PLAIN_PNG_BASE64, 'base64')))
    assert.equal(out.width, 16)
    assert.equal(out.height, 12)
  })

  it('removes EXIF and XMP chunks from a WebP and clears their VP8X flags', () => {
    const chunk = (type: string, data: number[]) => {
      const size = Buffer.alloc(4)
      size.writeUInt32LE(data.length)
      return Buffer.concat([
        Buffer.from(type),
        size,
        Buffer.from(data),
        Buffer.alloc(data.length % 2),
      ])
    }
    // VP8X: flags EXIF|XMP, canvas 16×12 (stored minus one, 24-bit little-endian).
    const vp8x = chunk('VP8X', [0x0c, 0, 0, 0, 15, 0, 0, 11, 0, 0])
    const body = Buffer.concat([
      Buffer.from('WEBP'),
      vp8x,
      chunk('VP8L', [0x2f, 0, 0, 0, 0]),
      chunk('EXIF', [...Buffer.from('GPS-SYNTHETIC')]),
      chunk('XMP ', [...Buffer.from('xmp:GPS')]),
    ])
    const size = Buffer.alloc(4)
    size.writeUInt32LE(body.length)
    const out = stripPhotoMetadata(Buffer.concat([Buffer.from('RIFF'), size, body]))
    assert.ok(out.ok, out.ok ? '' : out.reason)
    assert.deepEqual(out.removed, ['EXIF', 'XMP'])
    assert.ok(!latin1(out.bytes).includes('GPS'))
    assert.equal(out.bytes[20]! & 0x0c, 0, 'flags cleared')
    assert.equal(Buffer.from(out.bytes).readUInt32LE(4), out.bytes.length - 8)
    assert.equal(out.width, 16)
    assert.equal(out.height, 12)
  })

  it('refuses broken containers rather than storing what it could not clean', () => {
    const jpeg = jpegWithGps()
    const truncated = stripPhotoMetadata(jpeg.subarray(0, 40))
    assert.equal(truncated.ok, false)
    const noEoi = Buffer.from(PLAIN_JPEG_BASE64, 'base64')
    assert.equal(stripPhotoMetadata(noEoi.subarray(0, noEoi.length - 2)).ok, false)
    assert.equal(
      stripPhotoMetadata(Buffer.from(PLAIN_PNG_BASE64, 'base64').subarray(0, 30)).ok,
      false,
    )
    assert.equal(stripPhotoMetadata(Buffer.from('synthetic-photo-bytes')).ok, false)
    assert.equal(detectPhotoFormat(Buffer.from('synthetic-photo-bytes')), undefined)
  })
})
