import { registerCommand } from '../commands';
import type { FeatureContext } from '../context';
import { exportAnnotations, type ExportArgs } from './exportCommand';
import { importAnnotations, type ImportArgs } from './importCommand';

/** Datasets out, annotations in: export to and import from brat, CoNLL, spaCy, doccano, Label Studio and W3C. */
export function register(ctx: FeatureContext): void {
  registerCommand(ctx, 'exportAnnotations', (args?: ExportArgs) => exportAnnotations(ctx, args));
  registerCommand(ctx, 'importAnnotations', (args?: ImportArgs) => importAnnotations(ctx, args));
}
