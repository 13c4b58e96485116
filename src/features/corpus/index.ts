import { registerCommand } from '../commands';
import type { FeatureContext } from '../context';
import { createCorpusConfig } from './createConfig';

/** The corpus as a whole: scanning it again, and starting one with a corpus.yaml. */
export function register(ctx: FeatureContext): void {
  registerCommand(ctx, 'refresh', () => ctx.corpus.scan());
  registerCommand(ctx, 'createCorpusConfig', () => createCorpusConfig((m) => ctx.log.write(m, 'info')));
}
