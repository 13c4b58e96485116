import { CorpusConfigChange, CorpusConfigWriter } from '../core/corpus/config';
import type { CanonicalEntity } from '../core/model';
import { CannotAct } from '../commands/context';
import type { CorpusFolder, CorpusService } from './corpusService';
import { readText, writeTextAtomic } from './fileSystem';

/** Slug for a new canonical entity id: lower case ASCII letters, digits and dashes. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'entity';
}

/**
 * Changes to the registry of canonical entities in corpus.yaml: read-modify-write against the file
 * as it is on disk, atomic, refused when the file cannot be parsed (it is then never rewritten).
 */
export class RegistryService {
  private readonly writers = new Map<string, CorpusConfigWriter>();

  constructor(private readonly service: CorpusService) {}

  async apply(corpus: CorpusFolder, changes: CorpusConfigChange[]): Promise<void> {
    const disk = await readText(corpus.configUri);
    const key = corpus.configUri.toString();
    const writer = this.writers.get(key) ?? new CorpusConfigWriter();
    this.writers.set(key, writer);
    const result = writer.apply(disk, changes);
    if (!result.ok) {
      const p = result.problems[0];
      throw new CannotAct(`corpus.yaml cannot be parsed, so it is left untouched${p ? ` (line ${p.line}, column ${p.column}: ${p.message})` : ''}.`);
    }
    this.service.rememberOwnWrite(corpus.configUri, result.text);
    await writeTextAtomic(corpus.configUri, result.text);
    corpus.config = result.config;
    corpus.configWritable = true;
    corpus.index.setRegistry(corpus.config.entities);
    this.service.notifyRegistryChanged();
  }

  async createEntity(corpus: CorpusFolder, init: { id?: string; name: string; type: string; aliases: string[]; externalId?: string }): Promise<CanonicalEntity> {
    const taken = new Set(corpus.config.entities.map((e) => e.id));
    let id = init.id ?? slugify(init.name);
    if (init.id && taken.has(init.id)) throw new CannotAct(`A canonical entity with id "${init.id}" already exists.`);
    for (let n = 2; taken.has(id); n++) id = `${slugify(init.name)}-${n}`;
    const entity: CanonicalEntity = { id, name: init.name, type: init.type, aliases: init.aliases.filter((a) => a !== init.name), ...(init.externalId ? { externalId: init.externalId } : {}) };
    await this.apply(corpus, [{ kind: 'addEntity', entity }]);
    return corpus.config.entities.find((e) => e.id === id) ?? entity;
  }

  async addAlias(corpus: CorpusFolder, id: string, alias: string): Promise<void> {
    const entity = corpus.config.entities.find((e) => e.id === id);
    if (!entity || entity.name === alias || entity.aliases.includes(alias)) return;
    await this.apply(corpus, [{ kind: 'updateEntity', id, set: { aliases: [...entity.aliases, alias] } }]);
  }

  async rename(corpus: CorpusFolder, id: string, name: string): Promise<void> {
    const entity = corpus.config.entities.find((e) => e.id === id);
    if (!entity) throw new CannotAct(`Unknown canonical entity "${id}".`);
    // The old name stays findable as an alias.
    const aliases = entity.aliases.includes(entity.name) || entity.name === name ? entity.aliases : [...entity.aliases, entity.name];
    await this.apply(corpus, [{ kind: 'updateEntity', id, set: { name, aliases: aliases.filter((a) => a !== name) } }]);
  }
}
