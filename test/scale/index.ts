import * as fs from 'fs';
import type { ScaleControl } from '../host/runScale';
import { runSuite } from '../integration/index';

/** Entry point for the scale suite (see test/host/runScale.ts): the control file names where results go. */
export function run(): Promise<void> {
  const control = JSON.parse(fs.readFileSync(process.env.CORPUS_ANNOTATOR_SCALE_CONTROL!, 'utf8')) as ScaleControl;
  process.env.CORPUS_ANNOTATOR_TEST_RESULTS = control.resultsFile;
  return runSuite(__dirname);
}
