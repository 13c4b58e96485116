import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse as yamlParse } from 'yaml';
import { defaultCorpusConfig, serializeCorpusConfig } from '../../../src/core/corpus/config';
import { serializeSidecar } from '../../../src/core/sidecar';
import { generateAnnotations, ROOT, seed } from './helpers';

// ajv is not a declared dependency: it comes with @vscode/vsce (pinned in package-lock.json).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Ajv = require('ajv') as new (opts: object) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] } };

function validator(file: string) {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'syntaxes', file), 'utf8'));
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}

describe('JSON Schemas shipped for yamlValidation', () => {
  it('the sidecar schema accepts what the tool writes and rejects what it refuses', () => {
    const validate = validator('corpus-sidecar.schema.json');
    const data = generateAnnotations(seed(2), 100, 8, 0.3);
    data.entities[0].status = 'moved';
    const good = yamlParse(serializeSidecar(data));
    assert.ok(validate(good), JSON.stringify(validate.errors));
    assert.ok(validate(yamlParse(serializeSidecar({ ...data, entities: [], facts: [] }))));
    for (const bad of [
      { ...good, version: 2 },
      { ...good, offsets: 'utf16' },
      { ...good, entities: [{ ...good.entities[0], start: '3' }] },
      { ...good, entities: [{ ...good.entities[0], id: undefined }] },
      { ...good, facts: [{ ...good.facts[0], status: 'lost' }] },
    ]) {
      assert.ok(!validate(JSON.parse(JSON.stringify(bad))), JSON.stringify(bad).slice(0, 80));
    }
  });
  it('the corpus.yaml schema accepts the defaults and a hand-written file', () => {
    const validate = validator('corpus-config.schema.json');
    const config = defaultCorpusConfig();
    config.entities.push({ id: 'beijing', name: 'Beijing', type: 'location', aliases: ['Pékin', '北京'], externalId: 'Q956' });
    assert.ok(validate(yamlParse(serializeCorpusConfig(config))), JSON.stringify(validate.errors));
    assert.ok(validate(yamlParse('documents: "seeds/*.txt"\ntypes:\n  - id: person\n    color: "#b3261e"\n')), JSON.stringify(validate.errors));
    assert.ok(!validate(yamlParse('documents: ["../elsewhere/*.txt"]\n')));
    assert.ok(!validate(yamlParse('entities:\n  - id: x\n')));
  });
});
