/** Every interchange format, in the order pickers and `--help` list them. */
import { bratFormat } from './brat';
import { conllFormat } from './conll';
import { doccanoFormat } from './doccano';
import { labelStudioFormat } from './labelstudio';
import { spacyFormat } from './spacy';
import type { FormatId, InterchangeFormat } from './types';
import { w3cFormat } from './w3c';

export const FORMATS: readonly InterchangeFormat[] = [bratFormat, conllFormat, spacyFormat, doccanoFormat, labelStudioFormat, w3cFormat];

export function formatById(id: string): InterchangeFormat | undefined {
  return FORMATS.find((f) => f.id === (id as FormatId));
}
