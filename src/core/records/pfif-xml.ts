/**
 * A small namespace-aware element tree over fast-xml-parser, enough to read PFIF: element
 * order is kept (PFIF 1.4 fixes a field order) and prefixes are resolved to namespace URIs,
 * since a feed may write `pfif:person`, `p:person` or a default namespace.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'

/** An XML element with its namespace resolved. */
export interface XmlElement {
  /** Local name, without prefix. */
  name: string
  /** Namespace URI, '' when none. */
  namespace: string
  children: XmlElement[]
  /** The text directly inside the element (entities and CDATA decoded). */
  text: string
}

/** A parse outcome: the root element, or where the XML is broken. */
export type XmlParseResult =
  { ok: true; root: XmlElement } | { ok: false; line: number | undefined; message: string }

type RawNode = Record<string, unknown>

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Values are strings as written: "0012" must not become 12.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
})

/** Parse XML text into a namespace-resolved tree; never throws on bad input. */
export function parseXmlTree(xml: string): XmlParseResult {
  const valid = XMLValidator.validate(xml)
  if (valid !== true) return { ok: false, line: valid.err.line, message: valid.err.msg }
  let nodes: unknown
  try {
    nodes = parser.parse(xml)
  } catch (error) {
    return {
      ok: false,
      line: undefined,
      message: error instanceof Error ? error.message : String(error),
    }
  }
  const roots = Array.isArray(nodes) ? buildElements(nodes as RawNode[], new Map()) : []
  const root = roots[0]
  if (root === undefined) return { ok: false, line: undefined, message: 'no root element' }
  return { ok: true, root }
}

function buildElements(
  nodes: readonly RawNode[],
  scope: ReadonlyMap<string, string>,
): XmlElement[] {
  const elements: XmlElement[] = []
  for (const node of nodes) {
    const tag = Object.keys(node).find((k) => k !== ':@' && k !== '#text')
    if (tag === undefined) continue
    const attributes = (node[':@'] ?? {}) as Record<string, unknown>
    let inner = scope
    for (const [key, value] of Object.entries(attributes)) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) {
        if (inner === scope) inner = new Map(scope)
        ;(inner as Map<string, string>).set(key === 'xmlns' ? '' : key.slice(6), String(value))
      }
    }
    const colon = tag.indexOf(':')
    const prefix = colon === -1 ? '' : tag.slice(0, colon)
    const children = (Array.isArray(node[tag]) ? node[tag] : []) as RawNode[]
    let text = ''
    for (const child of children) if ('#text' in child) text += String(child['#text'])
    elements.push({
      name: colon === -1 ? tag : tag.slice(colon + 1),
      namespace: inner.get(prefix) ?? '',
      children: buildElements(children, inner),
      text,
    })
  }
  return elements
}

const XML_INVALID =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Escape text for an XML element body; characters XML 1.0 cannot hold become U+FFFD. */
export function escapeXmlText(text: string): string {
  return text
    .replace(XML_INVALID, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;')
}
