/**
 * Synthetic test photos (for the tests of this folder, the intake service and the HTTP
 * tests): a 16×12 JPEG and PNG drawn by Chromium's canvas, and a JPEG carrying a GPS
 * position in EXIF, an XMP packet, a comment and bytes after EOI, as a phone might send.
 */

/** 16×12 baseline JPEG (JFIF, ICC profile in APP2), made with canvas.toDataURL. */
export const PLAIN_JPEG_BASE64 =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAMABADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAeEAABAwQDAAAAAAAAAAAAAAARAQIDAAQSEwUxUf/EABUBAQEAAAAAAAAAAAAAAAAAAAIG/8QAHxEAAAUEAwAAAAAAAAAAAAAAABESFCECBBMjUoKx/9oADAMBAAIRAxEAPwCLlLyS01a0YuROSeCnF3kl3t2IxMQMU9NVyRRyDYxjx1khFI4o4zrYxh7xQGiqlBFIl3lmwb4dvLsfkD//2Q=='

/** 16×12 RGBA PNG made with canvas.toDataURL. */
export const PLAIN_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAMCAYAAABr5z2BAAAAPUlEQVR4AdyQsQkAQAgDgyv9cJnBVX7J/z6FFgqCwhU2yRE7l6+CoXj9AXQgQoX7DbQh+zcaOIEI3WR+gw8AAP//saSzUgAAAAZJREFUAwAedTVJ+a/a+wAAAABJRU5ErkJggg=='

/** Text that appears in the metadata of the fixtures below and must not survive stripping. */
export const SECRET_MARKERS = [
  'GPS-SYNTHETIC',
  'Exif',
  'xmp:GPS',
  'synthetic-comment',
  'tail-after-eoi',
]

function segment(marker: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + payload.length)
  out[0] = 0xff
  out[1] = marker
  out[2] = ((payload.length + 2) >> 8) & 0xff
  out[3] = (payload.length + 2) & 0xff
  out.set(payload, 4)
  return out
}

/** EXIF (big-endian TIFF) with IFD0 → GPS IFD: latitude N 33° 30′ 50″, and a marker string. */
function gpsExif(): Uint8Array {
  const tiff = new Uint8Array(80 + 16)
  const v = new DataView(tiff.buffer)
  tiff.set([0x4d, 0x4d], 0) // "MM"
  v.setUint16(2, 42)
  v.setUint32(4, 8)
  v.setUint16(8, 1) // IFD0: one entry
  v.setUint16(10, 0x8825) // GPSInfo
  v.setUint16(12, 4) // LONG
  v.setUint32(14, 1)
  v.setUint32(18, 26)
  v.setUint32(22, 0)
  v.setUint16(26, 2) // GPS IFD: two entries
  v.setUint16(28, 0x0001) // GPSLatitudeRef
  v.setUint16(30, 2) // ASCII
  v.setUint32(32, 2)
  tiff.set([0x4e, 0, 0, 0], 36) // "N"
  v.setUint16(40, 0x0002) // GPSLatitude
  v.setUint16(42, 5) // RATIONAL
  v.setUint32(44, 3)
  v.setUint32(48, 56)
  v.setUint32(52, 0)
  for (const [k, n] of [33, 30, 50].entries()) {
    v.setUint32(56 + k * 8, n)
    v.setUint32(60 + k * 8, 1)
  }
  tiff.set(new TextEncoder().encode('GPS-SYNTHETIC\0\0\0'), 80)
  return new Uint8Array([...new TextEncoder().encode('Exif\0\0'), ...tiff])
}

/** The plain JPEG with EXIF GPS (APP1), XMP (APP1), a comment (COM) and bytes after EOI. */
export function jpegWithGps(): Uint8Array {
  const plain = Buffer.from(PLAIN_JPEG_BASE64, 'base64')
  const xmp = new TextEncoder().encode(
    'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><xmp:GPSLatitude>33,30.8N</xmp:GPSLatitude></x:xmpmeta>',
  )
  const parts = [
    plain.subarray(0, 2),
    segment(0xe1, gpsExif()),
    plain.subarray(2, 20), // APP0 (JFIF) stays in its place after the SOI in the original
    segment(0xe1, xmp),
    segment(0xfe, new TextEncoder().encode('synthetic-comment')),
    plain.subarray(20),
    new TextEncoder().encode('tail-after-eoi'),
  ]
  return new Uint8Array(Buffer.concat(parts))
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length)
  const v = new DataView(out.buffer)
  v.setUint32(0, data.length)
  out.set(new TextEncoder().encode(type), 4)
  out.set(data, 8)
  v.setUint32(8 + data.length, 0) // CRC not checked by the stripper; a viewer would complain
  return out
}

/** The plain PNG with tEXt, iTXt and eXIf chunks after IHDR. */
export function pngWithText(): Uint8Array {
  const plain = Buffer.from(PLAIN_PNG_BASE64, 'base64')
  const ihdrEnd = 8 + 12 + 13
  return new Uint8Array(
    Buffer.concat([
      plain.subarray(0, ihdrEnd),
      pngChunk('tEXt', new TextEncoder().encode('Comment\0synthetic-comment')),
      pngChunk('iTXt', new TextEncoder().encode('XML:com.adobe.xmp\0\0\0\0\0xmp:GPS')),
      pngChunk('eXIf', gpsExif().subarray(6)),
      plain.subarray(ihdrEnd),
    ]),
  )
}
