import * as agreement from './agreement';
import * as annotations from './annotations';
import type { Feature } from './context';
import * as corpus from './corpus';
import * as decorations from './decorations';
import * as editor from './editor';
import * as interchange from './interchange';
import * as search from './search';
import * as suggestions from './suggestions';
import * as tagging from './tagging';
import * as views from './views';

/**
 * Every feature of the extension, registered in this order by `activate()`. Adding a feature: a
 * folder src/features/<name>/ whose index.ts exports `register(ctx: FeatureContext)`, and one
 * line here. See docs/architecture.md.
 */
export const FEATURES: readonly Feature[] = [corpus, editor, decorations, tagging, annotations, search, suggestions, views, agreement, interchange];
