/**
 * Latin renderings of Arabic names as different organisations write them. Deliberately
 * independent of src/core/names (the matcher): a per-name table of common spellings
 * (data/latin-spellings.data.ts) and, for every other name, rules applied to a base
 * English-style romanisation, one rule set per transliteration family:
 * French (ch, ou, dj), Turkish (ş, c, ü, no article), German (sch, dsch, ch), informal
 * ALL CAPS with abbreviations. Facts from shared/reference/linkage-anchors.md §3.2.
 */
import { NAME_SPELLINGS, type LatinScheme } from './name-catalog.js'
import type { RandomSource } from './random-source.js'

/** How a source writes the article of a family name (Al-Halabi, El Halabi, Halabi ...). */
export type ArticleStyle = 'al-' | 'al ' | 'el ' | 'el-' | 'none' | 'joined'

const ARTICLE_STYLES: Record<LatinScheme, readonly ArticleStyle[]> = {
  english: ['al-', 'al-', 'al ', 'none', 'joined'],
  french: ['el ', 'el-', 'al-', 'none'],
  turkish: ['none'],
  german: ['al-', 'el-', 'none'],
  informal: ['al ', 'none', 'joined', 'al-'],
}

/** Pick the article style one source keeps for all its rows. */
export function chooseArticleStyle(scheme: LatinScheme, random: RandomSource): ArticleStyle {
  return random.pick(ARTICLE_STYLES[scheme])
}

function capitalize(word: string): string {
  return word.length === 0 ? word : word[0]!.toUpperCase() + word.slice(1)
}

/** Apply one family's spelling rules to a lower-case base romanisation. */
function applySchemeRules(base: string, scheme: LatinScheme): string {
  let w = base.toLowerCase()
  switch (scheme) {
    case 'english':
    case 'informal':
      return w
    case 'french':
      w = w.replace(/sh/g, 'ch').replace(/j/g, 'dj')
      w = w.replace(/(^|[^o])u/g, '$1ou')
      w = w.replace(/w(?=[aeiy])/g, 'ou')
      w = w.replace(/q/g, 'k')
      w = w.replace(/([aeiou])s([aeiou])/g, '$1ss$2')
      return w.replace(/ah$/, 'a')
    case 'turkish':
      w = w.replace(/ou/g, 'u').replace(/oo/g, 'u').replace(/ee/g, 'i')
      w = w.replace(/sh/g, 'ş').replace(/kh/g, 'h').replace(/gh/g, 'g')
      w = w.replace(/th/g, 's').replace(/dh/g, 'z').replace(/j/g, 'c')
      w = w.replace(/q/g, 'k').replace(/w/g, 'v')
      w = w.replace(/(.)\1/g, '$1')
      return w.replace(/ah$/, 'a').replace(/aa/g, 'a')
    case 'german':
      w = w.replace(/ou/g, 'u').replace(/ee/g, 'i')
      w = w.replace(/sh/g, 'sch').replace(/kh/g, 'ch').replace(/j/g, 'dsch')
      return w.replace(/^y(?=[aeiou])/, 'j')
  }
}

/** Latin form of one given-name part (may be a compound such as عبد الرحمن or محمد نور). */
export function spellGivenName(
  ar: string,
  latinBase: string,
  scheme: LatinScheme,
  random: RandomSource,
): string {
  const table = NAME_SPELLINGS.get(ar)?.get(scheme)
  let spelled: string
  if (table !== undefined) {
    spelled = table.draw(random)
  } else if (/^abdul/i.test(latinBase) && ar.startsWith('عبد')) {
    spelled = spellAbdCompound(latinBase.slice(5), scheme, random)
  } else if (ar.includes(' ') && latinBase.includes(' ')) {
    // محمد نور / Mohammed Nour: each part on its own.
    const arParts = ar.split(' ')
    const latinParts = latinBase.split(' ')
    spelled = latinParts
      .map((part, i) => spellGivenName(arParts[i] ?? '', part, scheme, random))
      .join(' ')
  } else if (/ al-/.test(latinBase)) {
    // Nour al-Din, Salah al-Din: Nour Eddine / Nureddin / Nour al-Din.
    const [head, tail] = latinBase.split(' al-')
    const h = capitalize(applySchemeRules(head ?? '', scheme))
    const t = applySchemeRules(tail ?? '', scheme)
    const forms =
      scheme === 'turkish'
        ? [`${h}e${t === 'din' ? 'ttin' : t}`, `${h}${t}`]
        : scheme === 'french'
          ? [`${h} Eddine`, `${h}eddine`, `${h} el-${capitalize(t)}`]
          : [`${h} al-${capitalize(t)}`, `${h}eddin`, `${h} Al Din`, `${h} ${capitalize(t)}`]
    spelled = random.pick(forms)
  } else {
    spelled = capitalize(applySchemeRules(latinBase, scheme))
  }
  return scheme === 'informal' ? spelled.toUpperCase() : spelled
}

function spellAbdCompound(rest: string, scheme: LatinScheme, random: RandomSource): string {
  const tail = applySchemeRules(rest, scheme)
  const prefixes: Record<LatinScheme, readonly string[]> = {
    english: ['Abdul', 'Abdul ', 'Abdel', 'Abd al-', 'Abd Al '],
    french: ['Abdel', 'Abdel ', 'Abd el-', 'Abd El '],
    turkish: ['Abdül', 'Abdul'],
    german: ['Abdul', 'Abdul-', 'Abd al-', 'Abdel'],
    informal: ['ABDUL', 'ABDUL ', 'ABD AL', 'ABD '],
  }
  const prefix = random.pick(prefixes[scheme])
  return prefix.endsWith(' ') || prefix.endsWith('-')
    ? `${prefix}${capitalize(tail)}`
    : `${prefix}${tail}`
}

/** Latin form of a family name (Al-Halabi → El Halabi, Halabi, AL HALABI ...). */
export function spellFamilyName(
  latinBase: string,
  scheme: LatinScheme,
  article: ArticleStyle,
  random: RandomSource,
): string {
  const m = /^Al-(.*)$/.exec(latinBase)
  const stemBase = m?.[1] ?? latinBase
  const stem = stemBase
    .split(' ')
    .map((part) => capitalize(applySchemeRules(part, scheme)))
    .join(' ')
  let spelled: string
  if (m === null) spelled = stem
  else {
    const art = scheme === 'french' ? 'El' : 'Al'
    switch (article) {
      case 'al-':
        spelled = `${art}-${stem}`
        break
      case 'al ':
        spelled = `${art} ${stem}`
        break
      case 'el ':
        spelled = `El ${stem}`
        break
      case 'el-':
        spelled = `el-${stem}`
        break
      case 'joined':
        spelled = `${art}${stem.toLowerCase()}`
        break
      case 'none':
        spelled = stem
        break
    }
    // Sun-letter assimilation now and then: Al-Shami → Ash-Shami, Al-Sayed → As-Sayed.
    if (scheme === 'english' && article === 'al-' && random.chance(0.1)) {
      const sun = /^(Sh|Th|Dh|T|D|R|Z|S|N)/.exec(stem)
      if (sun?.[1] !== undefined) spelled = `A${sun[1].toLowerCase()}-${stem}`
    }
  }
  return scheme === 'informal' ? spelled.toUpperCase() : spelled
}
