import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import iconv from 'iconv-lite'

import { decodeText } from './text-decoder.js'

const ARABIC = 'الاسم,اسم الأب\nمحمد,أحمد\n'

describe('decodeText', () => {
  it('reads UTF-8 without a BOM', () => {
    const r = decodeText(Buffer.from(ARABIC, 'utf8'))
    assert.ok(r.ok)
    assert.equal(r.text, ARABIC)
    assert.equal(r.encoding, 'utf-8')
    assert.equal(r.bom, false)
  })

  it('removes a UTF-8 BOM and reports it', () => {
    const r = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARABIC)]))
    assert.ok(r.ok)
    assert.equal(r.text, ARABIC)
    assert.equal(r.bom, true)
  })

  it('reads UTF-16 LE and BE with a BOM', () => {
    const le = decodeText(
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(ARABIC, 'utf-16le')]),
    )
    assert.ok(le.ok)
    assert.equal(le.text, ARABIC)
    assert.equal(le.encoding, 'utf-16le')
    const be = decodeText(
      Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(ARABIC, 'utf-16be')]),
    )
    assert.ok(be.ok)
    assert.equal(be.text, ARABIC)
    assert.equal(be.encoding, 'utf-16be')
  })

  it('detects Windows-1256 (Arabic Excel) when the bytes are not UTF-8', () => {
    const r = decodeText(iconv.encode(ARABIC, 'windows-1256'))
    assert.ok(r.ok)
    assert.equal(r.encoding, 'windows-1256')
    assert.equal(r.text, ARABIC)
  })

  it('decodes a mixed file line by line and names the Windows-1256 lines', () => {
    const bytes = Buffer.concat([
      Buffer.from('record_id,first_name\n1,محمد\n', 'utf8'),
      iconv.encode('2,خالد\n', 'windows-1256'),
      Buffer.from('3,سارة\n', 'utf8'),
      iconv.encode('4,عبد الرحمن', 'windows-1256'),
    ])
    const r = decodeText(bytes)
    assert.ok(r.ok)
    assert.equal(r.encoding, 'mixed')
    assert.equal(r.text, 'record_id,first_name\n1,محمد\n2,خالد\n3,سارة\n4,عبد الرحمن')
    assert.deepEqual(r.windows1256Lines, [3, 5])
  })

  it('refuses NUL bytes as binary, naming the line', () => {
    const r = decodeText(Buffer.from([0x61, 0x0a, 0x62, 0x00, 0x63]))
    assert.ok(!r.ok)
    assert.equal(r.issue.code, 'binary_file')
    assert.match(r.issue.reason, /line 2/)
  })

  it('refuses other control characters as binary', () => {
    const r = decodeText(Buffer.from('a,b\n1,\u0007\n'))
    assert.ok(!r.ok)
    assert.equal(r.issue.code, 'binary_file')
  })

  it('refuses high bytes that read as neither UTF-8 nor Arabic text', () => {
    // Bytes 0x80–0x9F are typographic symbols in Windows-1256 (‰ † ‡ …), not letters.
    const bytes = Buffer.from(Array.from({ length: 64 }, (_, i) => 0x80 + (i % 24)))
    const r = decodeText(bytes)
    assert.ok(!r.ok)
    assert.equal(r.issue.code, 'unknown_encoding')
  })

  it('returns an empty text for no bytes', () => {
    const r = decodeText(new Uint8Array())
    assert.ok(r.ok)
    assert.equal(r.text, '')
  })
})
