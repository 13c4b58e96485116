import * as assert from 'assert';
import { rankLinkCandidates } from '../../../src/core/corpus/linkCandidates';
import type { CanonicalEntity } from '../../../src/core/model';

const E: CanonicalEntity[] = [
  { id: 'tianjin', name: 'Tianjin', type: 'location', aliases: [] },
  { id: 'beijing-daily', name: 'Beijing', type: 'organization', aliases: [] },
  { id: 'beijing', name: 'Beijing', type: 'location', aliases: ['Pékin', 'Peking'] },
  { id: 'hebei', name: 'Hebei', type: 'location', aliases: [] },
];

describe('corpus: link picker candidates', () => {
  it('an entity whose name or alias is the mention comes first, same type before other types', () => {
    assert.deepStrictEqual(rankLinkCandidates('Beijing', 'location', E).map((c) => [c.entity.id, c.match]), [
      ['beijing', 'name'],
      ['beijing-daily', 'name'],
      ['tianjin', undefined],
      ['hebei', undefined],
    ]);
  });
  it('aliases match regardless of case and accents', () => {
    assert.deepStrictEqual(rankLinkCandidates('PEKIN', 'location', E)[0], { entity: E[2], match: 'alias' });
  });
  it('the entity already linked is first; nothing matching keeps the listed order', () => {
    assert.strictEqual(rankLinkCandidates('Beijing', 'location', E, 'hebei')[0].entity.id, 'hebei');
    assert.deepStrictEqual(rankLinkCandidates('Xiong’an', 'location', E).map((c) => c.entity.id), ['tianjin', 'beijing-daily', 'beijing', 'hebei']);
  });
});
