import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { linePlotSvg } from './plot-svg.js'

void describe('linePlotSvg', () => {
  const svg = linePlotSvg({
    title: 'Precision & recall <held-out>',
    xLabel: 'recall',
    yLabel: 'precision',
    diagonal: true,
    series: [
      {
        name: 'Syrian',
        points: [
          [0, 1],
          [0.5, 0.9],
          [1, 0.2],
        ],
      },
      { name: 'FEBRL', points: [[0.3, 0.7]], dots: true },
    ],
  })

  it('is one SVG document with an accessible title, escaped', () => {
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* role="img"/)
    assert.ok(svg.trimEnd().endsWith('</svg>'))
    assert.match(svg, /<title id="t">Precision &amp; recall &lt;held-out&gt;<\/title>/)
  })

  it('maps the unit square onto the plot area, a line per series and a legend', () => {
    // x 0 → left margin 64; y 1 → top margin 40; x 1 → 64 + 396; y 0.2 → 40 + 0.8 × 344
    assert.match(svg, /<polyline [^>]*points="64,40 262,74\.4 460,315\.2"\/>/)
    assert.equal((svg.match(/<polyline /g) ?? []).length, 1, 'a single point draws a dot')
    assert.equal((svg.match(/<circle /g) ?? []).length, 1)
    assert.match(svg, />Syrian<\/text>/)
    assert.match(svg, />FEBRL<\/text>/)
    assert.match(svg, /stroke-dasharray/, 'the diagonal')
  })
})
