/**
 * Counts as people write them: "1 entity", "2 entities", "0 documents". Every count shown in the
 * UI goes through here so no message says "1 annotations".
 */
export function plural(n: number, singular: string, pluralForm?: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? singular : (pluralForm ?? regularPlural(singular))}`;
}

/** English plural of a noun phrase's last word, for the nouns the UI counts (entity → entities, match → matches). */
export function regularPlural(word: string): string {
  if (/[^aeiou]y$/i.test(word)) return word.slice(0, -1) + 'ies';
  if (/(s|x|z|ch|sh)$/i.test(word)) return word + 'es';
  return word + 's';
}
