import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import fc from 'fast-check'
import iconv from 'iconv-lite'

import { decodeText } from './text-decoder.js'

const ARABIC = 'الاسم,اسم الأب\nمحمد,أحمد\n'

void describe('decodeText', () => {
  void it('reads UTF-8 without a BOM', () => {
    const r = decodeText(Buffer.from(ARABIC, 'utf8'))
    assert.ok(r.ok)
    assert.equal(r.text, ARABIC)
    assert.equal(r.encoding, 'utf-8')
    assert.equal(r.bom, false)
  })

  void it('removes a UTF-8 BOM and reports it', () => {
    const r = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARABIC)]))
    assert.ok(r.ok)
    assert.equal(r.text, ARABIC)
    assert.equal(r.bom, true)
  })

  void it('reads UTF-16 LE and BE with a BOM', () => {
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

  void it('detects Windows-1256 (Arabic Excel) when the bytes are not UTF-8', () => {
    const r = decodeText(iconv.encode(ARABIC, 'windows-1256'))
    assert.ok(r.ok)
    assert.equal(r.encoding, 'windows-1256')
    assert.equal(r.text, ARABIC)
  })

  void it('decodes a mixed file line by line and names the Windows-1256 lines', () => {
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

  void it('refuses NUL bytes as binary, naming the line', () => {
    const r = decodeText(Buffer.from([0x61, 0x0a, 0x62, 0x00, 0x63]))
    assert.ok(!r.ok)
    assert.equal(r.issue.code, 'binary_file')
    assert.match(r.issue.reason, /line 2/)
  })

  void it('refuses other control characters as binary', () => {
    const r = decodeText(Buffer.from('a,b\n1,\u0007\n'))
    assert.ok(!r.ok)
    assert.equal(r.issue.code, 'binary_file')
  })

  void it('refuses high bytes that read as neither UTF-8 nor Arabic text', () => {
    // Bytes 0x80–0x9F are typographic symbols in Windows-1256 (‰ † ‡ …), not letters.
    const bytes = Buffer.from(Array.from({ length: 64 }, (_, i) => 0x80 + (i % 24)))
    const r = decodeText(bytes)
    assert.ok(!r.ok)
    assert.equal(r.issue.code, 'unknown_encoding')
  })

  void it('returns an empty text for no bytes', () => {
    const r = decodeText(new Uint8Array())
    assert.ok(r.ok)
    assert.equal(r.text, '')
  })
})

void describe('decodeText properties', () => {
  // eslint-disable-next-line no-control-regex -- control characters make a file binary
  const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\n]/
  const line = fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
    .filter((s) => !CONTROL.test(s))
  const arabic = fc.constantFrom(
    'محمد',
    'عبد الرحمن',
    'سجن صيدنايا',
    'فاطمة الخطيب',
    'ذكر,أنثى',
    'إسماعيل',
  )

  void it('reads any UTF-8 text back exactly, and Windows-1256 lines among UTF-8 lines', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), line, arabic), { minLength: 1, maxLength: 8 }),
        (lines) => {
          const text = lines.map(([legacy, u, a]) => (legacy ? a : u)).join('\n')
          const bytes = Buffer.concat(
            lines.flatMap(([legacy, u, a], i) => [
              ...(i > 0 ? [Buffer.from('\n')] : []),
              legacy ? iconv.encode(a, 'windows-1256') : Buffer.from(u, 'utf8'),
            ]),
          )
          const r = decodeText(bytes)
          if (!r.ok) assert.fail(r.issue.reason)
          assert.equal(r.text, text)
        },
      ),
      { numRuns: 300 },
    )
  })
})
