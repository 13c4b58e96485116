import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { seedsDir } from './paths';

/** A fresh copy of seeds/ for one run: tests never change the repository's own seeds. */
export function freshWorkspace(label = 'workspace'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `corpus-annotator-${label}-`));
  fs.cpSync(seedsDir, dir, { recursive: true });
  return dir;
}
