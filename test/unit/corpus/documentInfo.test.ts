import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describeDocument, detectLanguage, isBanner, LANGUAGE_SAMPLE_WORDS, MAX_TITLE, parseDate, STOP_WORDS } from '../../../src/core/corpus/documentInfo';
import { mulberry32 } from '../../support/fixtures';
import { normalizeText } from '../../../src/core/text/normalize';

const seedDir = path.resolve(__dirname, '../../../../seeds');
function seed(prefix: string): { name: string; text: string } {
  const name = fs.readdirSync(seedDir).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix}`);
  return { name, text: normalizeText(fs.readFileSync(path.join(seedDir, name), 'utf8')) };
}
const describe_ = (prefix: string) => {
  const s = seed(prefix);
  return describeDocument(s.name, s.text);
};

describe('documentInfo: the seeds', () => {
  it('000: title from the first non-empty line, no date or source stated', () => {
    const info = describe_('000');
    assert.strictEqual(
      info.title,
      'Anchored in the deepening of modernization reforms丨Beijing Tongzhou and Langfang\'s northern three counties: Both sides of the river work together towards "integration"',
    );
    assert.strictEqual(info.date, undefined);
    assert.strictEqual(info.source, undefined);
    assert.strictEqual(info.language.code, 'en');
    assert.ok(!('date' in info) && !('source' in info));
  });
  it('001: Article source … Release time … gives the source and the date with its time', () => {
    const info = describe_('001');
    assert.strictEqual(info.title, 'A Chronicle of Leading and Promoting the Coordinated Development of Beijing Tianjin Hebei');
    assert.strictEqual(info.date, '2023-05-15T09:24');
    assert.strictEqual(info.source, 'Xinhua News Agency');
    assert.strictEqual(info.language.code, 'en');
  });
  it('002: a paragraph as first line is cut; dates in the prose are not the document date', () => {
    const info = describe_('002');
    assert.ok(info.title.startsWith('In February 2014, the general secretary of the Communist Party of China'));
    assert.ok(info.title.endsWith('…'));
    assert.ok(Array.from(info.title).length <= MAX_TITLE);
    assert.strictEqual(info.date, undefined);
    assert.strictEqual(info.source, undefined);
    assert.strictEqual(info.language.code, 'en');
  });
  it('003: French; the section word and the bare date line are not the title; the date line is the date', () => {
    const info = describe_('003');
    assert.strictEqual(
      info.title,
      "Ancrer l'approfondissement de la réforme de modernisation丨Beijing Tongzhou et Langfang Beisan County : les deux rives du fleuve travaillent ensemble pour avancer vers « l'intégration »",
    );
    assert.strictEqual(info.date, '2024-08-07');
    assert.strictEqual(info.language.code, 'fr');
    assert.ok(info.language.confidence >= 0.8, String(info.language.confidence));
  });
  it('004: " date 2022-10-21 Title" gives the date and the title without the prefix', () => {
    const info = describe_('004');
    assert.ok(info.title.startsWith('Collaborative development, create a new chapter!Representatives from Beijing'), info.title);
    assert.strictEqual(info.date, '2022-10-21');
    assert.strictEqual(info.language.code, 'en');
  });
  it('every English seed is detected with high confidence', () => {
    for (const p of ['000', '001', '002', '004']) {
      const { language } = describe_(p);
      assert.strictEqual(language.code, 'en', p);
      assert.ok(language.confidence >= 0.8, `${p}: ${language.confidence}`);
    }
  });
});

describe('documentInfo: rules', () => {
  it('falls back to the file name for an empty document', () => {
    const info = describeDocument('folder/empty-doc.txt', '\n\n  \n');
    assert.strictEqual(info.title, 'empty-doc');
    assert.deepStrictEqual(info.language, { code: 'und', confidence: 0 });
  });
  it('reads French and labelled header fields', () => {
    const info = describeDocument('a.txt', "Titre de l'article\nSource de l'article : Agence Xinhua   Date de publication : 7 août 2024 à 14h05\n\nLe texte de l'article est en français et il est assez long pour que la langue soit claire.");
    assert.strictEqual(info.title, "Titre de l'article");
    assert.strictEqual(info.source, 'Agence Xinhua');
    assert.strictEqual(info.date, '2024-08-07T14:05');
    assert.strictEqual(info.language.code, 'fr');
  });
  it('takes a date-only line, English or French, and ignores impossible dates', () => {
    assert.strictEqual(describeDocument('a.txt', 'Title\nMay 15, 2023\nBody of the text.').date, '2023-05-15');
    assert.strictEqual(describeDocument('a.txt', 'Titre\nle 1er mai 2024\nCorps du texte.').date, '2024-05-01');
    assert.strictEqual(describeDocument('a.txt', 'Title\n2023-02-30\nBody.').date, undefined);
    assert.strictEqual(describeDocument('a.txt', 'Title\nSource: Hebei Daily\nOn July 29, 2023, work began.').date, undefined);
  });
  it('parses the corpus date forms', () => {
    assert.strictEqual(parseDate('May 15, 2023 09:24'), '2023-05-15T09:24');
    assert.strictEqual(parseDate('2024-08-07'), '2024-08-07');
    assert.strictEqual(parseDate('29 juillet 2024'), '2024-07-29');
    assert.strictEqual(parseDate('December 28, 2023 at 3:05 pm'), '2023-12-28T15:05');
    assert.strictEqual(parseDate('2023年5月15日 09:24'), '2023-05-15T09:24');
    assert.strictEqual(parseDate('July 29'), undefined);
    assert.strictEqual(parseDate('29 February 2023'), undefined);
    assert.strictEqual(parseDate('see 2024-08-07', true), undefined);
  });
  it('does not keep the document text alive through the title', () => {
    // Indirect check: the title is a fresh string equal to the line, whatever V8 does with slices.
    const text = 'Short title\n' + 'word '.repeat(10000);
    assert.strictEqual(describeDocument('a.txt', text).title, 'Short title');
  });
});

/**
 * Stop-word language detection written plainly, for texts of Latin letters only (no CJK, no
 * banners): words are runs of letters cut out and lower-cased, an elided article keeps its `'`.
 */
function referenceLanguage(text: string): { code: string; confidence: number } {
  const langs = Object.keys(STOP_WORDS);
  const hits = langs.map(() => 0);
  const own = langs.map(() => 0);
  const listing = (w: string) => langs.filter((l) => STOP_WORDS[l].includes(w));
  const words = [...text.matchAll(/[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+/g)].slice(0, LANGUAGE_SAMPLE_WORDS);
  for (const m of words) {
    const after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 2);
    const elided = m[0].length <= 2 && /^['\u2019][A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]/.test(after) && !/\n/.test(after);
    const ls = listing(m[0].toLowerCase() + (elided ? "'" : ''));
    for (const l of ls) hits[langs.indexOf(l)] += 1 / ls.length;
    if (ls.length === 1) own[langs.indexOf(ls[0])]++;
  }
  let best = 0;
  for (let l = 1; l < langs.length; l++) if (hits[l] > hits[best]) best = l;
  if (hits[best] === 0) return { code: 'und', confidence: 0 };
  const rival = Math.max(0, ...own.filter((_, l) => l !== best));
  const lead = own[best] > 0 ? Math.max(0, own[best] - rival) / own[best] : 0;
  return { code: langs[best], confidence: Math.round(lead * Math.min(1, hits[best] / 20) * 100) / 100 };
}

describe('documentInfo: language', () => {
  it('counts the same stop words as a plain cut-and-lower-case look-up would, in any case and with elisions', () => {
    const rnd = mulberry32(5);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const stop = Object.values(STOP_WORDS).flat();
    const others = ['Beijing', 'Tianjin', 'Hebei', 'bridge', 'pont', 'Brücke', 'ÉCOLE', 'Ürümqi', 'xi', 'an', 'ab', 'Zoë', 'naïve', 'Œuvre', 'ŒUVRE', 'straße', 'STRASSE'];
    const cased = (w: string) => {
      const r = rnd();
      return r < 0.5 ? w : r < 0.75 ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1);
    };
    const seps = [' ', ' ', ' ', ', ', '. ', '\n', "'", '\u2019', ' - ', '3 '];
    for (let round = 0; round < 400; round++) {
      const n = 1 + Math.floor(rnd() * (round % 10 === 0 ? 1200 : 60));
      let text = '';
      for (let k = 0; k < n; k++) text += cased(rnd() < 0.5 ? pick(stop) : pick(others)) + pick(seps);
      assert.deepStrictEqual(detectLanguage(text), referenceLanguage(text), JSON.stringify(text.slice(0, 200)));
    }
    // The automaton holds Latin-1 units only: a profile word beyond it could never be found.
    assert.ok(stop.every((w) => [...w].every((ch) => ch.charCodeAt(0) < 256)), 'every profile word is Latin-1');
    for (const f of fs.readdirSync(seedDir).filter((f) => f.endsWith('.txt'))) {
      const text = normalizeText(fs.readFileSync(path.join(seedDir, f), 'utf8'));
      if (!/[\u3040-\u9fff\uac00-\ud7af]/.test(text) && !text.split('\n').some(isBanner)) assert.deepStrictEqual(detectLanguage(text), referenceLanguage(text), f);
    }
  });

  it('skips the language-switcher banner', () => {
    const banner = '한어Русский языкEnglishFrançaisIndonesianSanskrit日本語DeutschPortuguêsΕλληνικάespañolItalianoSuomalainenLatina';
    assert.ok(isBanner(banner));
    assert.ok(!isBanner('Recently, staff members were answering inquiries from citizens.'));
    assert.strictEqual(detectLanguage(`${banner}\n${banner}\nLe pont est terminé et la route de l'usine sera ouverte à la circulation.`).code, 'fr');
  });
  it('tells en, fr, de and es apart, and Chinese by its script', () => {
    assert.strictEqual(detectLanguage('The bridge was completed and the road is open to traffic from Beijing to Tianjin.').code, 'en');
    assert.strictEqual(detectLanguage("Le pont a été achevé et la route est ouverte à la circulation de Pékin à Tianjin.").code, 'fr');
    assert.strictEqual(detectLanguage('Die Brücke wurde fertiggestellt und die Straße ist für den Verkehr von Peking nach Tianjin offen.').code, 'de');
    assert.strictEqual(detectLanguage('El puente fue terminado y la carretera está abierta al tráfico de Pekín a Tianjin con los coches.').code, 'es');
    assert.strictEqual(detectLanguage('京津冀协同发展是一个重大国家战略。通州区和北三县一体化发展。').code, 'zh');
  });
  it('is not sure about a handful of words', () => {
    const l = detectLanguage('Beijing Tianjin Hebei');
    assert.strictEqual(l.confidence, 0);
    const few = detectLanguage('the bridge of Tongzhou');
    assert.strictEqual(few.code, 'en');
    assert.ok(few.confidence < 0.5);
  });
});
