import type { FeatureContext } from '../context';
import { registerCommand } from '../commands';
import { tagAllOccurrences, TagAllArgs, TagArgs, tagEntity } from './tagCommands';

/** Tagging entities from the keyboard: the selection, or every occurrence of a text. */
export function register(ctx: FeatureContext): void {
  registerCommand(ctx, 'tagEntity', (args?: TagArgs) => tagEntity(ctx, args));
  registerCommand(ctx, 'tagAllOccurrences', (args?: TagAllArgs) => tagAllOccurrences(ctx, args));
}
