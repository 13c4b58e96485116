import type { CanonicalEntity } from '../model';

/** Case, accents and spacing do not make two names different ("PÉKIN " is "Pékin"). */
export function nameKey(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase().replace(/\s+/g, ' ').trim();
}

export interface LinkCandidate {
  entity: CanonicalEntity;
  /** `linked`: the mention already links to it; `name`/`alias`: its name or an alias is the mention's text. */
  match?: 'linked' | 'name' | 'alias';
}

/**
 * The order the link picker offers canonical entities for a mention: the one it links to, then
 * those whose name or alias is the mention's text (same type first), then the rest as listed. The
 * first is the default choice, so linking a known name never makes a duplicate by accident.
 */
export function rankLinkCandidates(mention: string, type: string, entities: readonly CanonicalEntity[], linkedId?: string): LinkCandidate[] {
  const key = nameKey(mention);
  const scored = entities.map((entity, i) => {
    const match: LinkCandidate['match'] =
      entity.id === linkedId ? 'linked' : nameKey(entity.name) === key ? 'name' : entity.aliases.some((a) => nameKey(a) === key) ? 'alias' : undefined;
    const rank = match === 'linked' ? 0 : match ? (entity.type === type ? 1 : 2) : 3;
    return { entity, match, rank, i };
  });
  scored.sort((a, b) => a.rank - b.rank || a.i - b.i);
  return scored.map(({ entity, match }) => (match ? { entity, match } : { entity }));
}
