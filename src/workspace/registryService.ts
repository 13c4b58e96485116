import { CorpusConfigChange, CorpusConfigWriter } from '../core/corpus/config';
import type { CanonicalEntity } from '../core/model';
import type { CorpusService } from './corpusService';
import type { CorpusFolder } from './documentState';
import { readText, writeTextAtomic } from './fileSystem';
import { refused, refusedBy, WriteOutcome } from './outcome';
import { slugify } from '../core/text/slug';

/**
 * Changes to the registry of canonical entities in corpus.yaml: read-modify-write against the file
 * as it is on disk, atomic, through the corpus service's per-file write queue, refused when the
 * file cannot be parsed (it is then never rewritten). Like sidecar writes, it returns a
 * `WriteOutcome` whose message names the reason of a refusal.
 */
export class RegistryService {
  private readonly writers = new Map<string, CorpusConfigWriter>();

  constructor(private readonly service: CorpusService) {}

  apply(corpus: CorpusFolder, changes: CorpusConfigChange[]): Promise<WriteOutcome> {
    return this.service.writeQueue.run(corpus.configUri.toString(), () => this.doApply(corpus, changes));
  }

  private async doApply(corpus: CorpusFolder, changes: CorpusConfigChange[]): Promise<WriteOutcome> {
    const disk = await readText(corpus.configUri);
    const key = corpus.configUri.toString();
    const writer = this.writers.get(key) ?? new CorpusConfigWriter();
    this.writers.set(key, writer);
    const result = writer.apply(disk, changes);
    if (!result.ok) {
      this.service.log(`write refused for ${corpus.configUri.path}: ${result.problems.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`).join('; ')}`, 'warn');
      return refusedBy(corpus.configUri, result.problems, corpus.configWritable && disk !== undefined);
    }
    this.service.writes.rememberOwnWrite(corpus.configUri, result.text);
    try {
      await writeTextAtomic(corpus.configUri, result.text);
    } catch (e) {
      return refused('io-error', corpus.configUri, e instanceof Error ? e.message : String(e));
    }
    corpus.config = result.config;
    corpus.configWritable = true;
    corpus.index.setRegistry(corpus.config.entities);
    this.service.notifyRegistryChanged();
    return { ok: true };
  }

  async createEntity(corpus: CorpusFolder, init: { id?: string; name: string; type: string; aliases: string[]; externalId?: string }): Promise<WriteOutcome<{ entity: CanonicalEntity }>> {
    const taken = new Set(corpus.config.entities.map((e) => e.id));
    let id = init.id ?? slugify(init.name);
    if (init.id && taken.has(init.id)) return refused('invalid-change', corpus.configUri, `a canonical entity with id "${init.id}" already exists`);
    for (let n = 2; taken.has(id); n++) id = `${slugify(init.name)}-${n}`;
    const entity: CanonicalEntity = { id, name: init.name, type: init.type, aliases: init.aliases.filter((a) => a !== init.name), ...(init.externalId ? { externalId: init.externalId } : {}) };
    const outcome = await this.apply(corpus, [{ kind: 'addEntity', entity }]);
    if (!outcome.ok) return outcome;
    return { ok: true, entity: corpus.config.entities.find((e) => e.id === id) ?? entity };
  }

  /** Adds a name to an entity's aliases, unless it is its name or an alias already. */
  async addAlias(corpus: CorpusFolder, id: string, alias: string): Promise<WriteOutcome> {
    const entity = corpus.config.entities.find((e) => e.id === id);
    if (!entity || entity.name === alias || entity.aliases.includes(alias)) return { ok: true };
    return this.apply(corpus, [{ kind: 'updateEntity', id, set: { aliases: [...entity.aliases, alias] } }]);
  }

  async rename(corpus: CorpusFolder, id: string, name: string): Promise<WriteOutcome> {
    const entity = corpus.config.entities.find((e) => e.id === id);
    if (!entity) return refused('unknown-id', corpus.configUri, `no canonical entity with id "${id}"`);
    // The old name stays findable as an alias.
    const aliases = entity.aliases.includes(entity.name) || entity.name === name ? entity.aliases : [...entity.aliases, entity.name];
    return this.apply(corpus, [{ kind: 'updateEntity', id, set: { name, aliases: aliases.filter((a) => a !== name) } }]);
  }
}
