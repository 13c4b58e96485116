import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { createDirectory, exists, readBytes, readText, statFile, writeTextAtomic } from '../../src/workspace/fileSystem';

/**
 * The extension's file access (src/workspace/fileSystem.ts) takes two routes: Node's `fs` for
 * `file:` URIs, `vscode.workspace.fs` for every other scheme. Both must answer alike; here the same
 * steps run against a temporary folder on disk and against a file system provider registered for
 * the test, which also counts the calls that reach it.
 */
class MemoryFileSystem implements vscode.FileSystemProvider {
  readonly files = new Map<string, { data: Uint8Array; mtime: number }>();
  readonly dirs = new Set<string>(['/']);
  readonly calls: string[] = [];
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    this.calls.push(`stat ${uri.path}`);
    const f = this.files.get(uri.path);
    if (f) return { type: vscode.FileType.File, ctime: f.mtime, mtime: f.mtime, size: f.data.length };
    if (this.dirs.has(uri.path)) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    this.calls.push(`mkdir ${uri.path}`);
    this.dirs.add(uri.path);
  }

  readFile(uri: vscode.Uri): Uint8Array {
    this.calls.push(`read ${uri.path}`);
    const f = this.files.get(uri.path);
    if (!f) throw vscode.FileSystemError.FileNotFound(uri);
    return f.data;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    this.calls.push(`write ${uri.path}`);
    if (!this.dirs.has(path.posix.dirname(uri.path))) throw vscode.FileSystemError.FileNotFound(uri);
    this.files.set(uri.path, { data: content, mtime: Date.now() });
  }

  delete(uri: vscode.Uri): void {
    this.files.delete(uri.path);
  }

  rename(from: vscode.Uri, to: vscode.Uri): void {
    this.calls.push(`rename ${from.path} ${to.path}`);
    const f = this.files.get(from.path);
    if (!f) throw vscode.FileSystemError.FileNotFound(from);
    this.files.delete(from.path);
    this.files.set(to.path, f);
  }
}

describe('file access: Node for file: URIs, workspace.fs for other schemes, with the same answers', () => {
  const memory = new MemoryFileSystem();
  let registration: vscode.Disposable;
  let tmp: string;
  before(() => {
    registration = vscode.workspace.registerFileSystemProvider('corpus-annotator-test', memory);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-annotator-fs-'));
  });
  after(() => {
    registration.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const roots = (): [string, vscode.Uri][] => [
    ['file', vscode.Uri.file(tmp)],
    ['workspace.fs', vscode.Uri.from({ scheme: 'corpus-annotator-test', path: '/' })],
  ];

  it('reads what it wrote atomically (no temporary file left), creating a missing folder', async () => {
    for (const [route, root] of roots()) {
      const uri = vscode.Uri.joinPath(root, 'new folder', 'doc.txt.yaml');
      await createDirectory(vscode.Uri.joinPath(root, 'new folder'));
      await writeTextAtomic(uri, 'entities: []\n# Pékin “quoted”\n');
      assert.strictEqual(await readText(uri), 'entities: []\n# Pékin “quoted”\n', route);
      await writeTextAtomic(uri, 'second\n');
      assert.strictEqual(await readText(uri), 'second\n', route);
      // Written into a folder that does not exist yet, as an export does.
      const deep = vscode.Uri.joinPath(root, 'out', 'ann', 'x.ann');
      if (route === 'file') {
        await writeTextAtomic(deep, 'T1\n');
        assert.strictEqual(await readText(deep), 'T1\n');
        assert.deepStrictEqual(fs.readdirSync(path.join(tmp, 'new folder')), ['doc.txt.yaml'], 'no temporary file is left');
      } else {
        assert.deepStrictEqual([...memory.files.keys()], ['/new folder/doc.txt.yaml'], 'no temporary file is left');
      }
    }
    assert.ok(memory.calls.some((c) => c.startsWith('rename /new folder/doc.txt.yaml.')), memory.calls.join(', '));
  });

  it('answers undefined for a missing file, and a stat in whole milliseconds', async () => {
    for (const [route, root] of roots()) {
      const missing = vscode.Uri.joinPath(root, 'nothing here.txt');
      assert.strictEqual(await readText(missing), undefined, route);
      assert.strictEqual(await readBytes(missing), undefined, route);
      assert.strictEqual(await statFile(missing), undefined, route);
      assert.strictEqual(await exists(missing), false, route);
      const uri = vscode.Uri.joinPath(root, 'doc.txt');
      await writeTextAtomic(uri, 'Beijing\n');
      const st = await statFile(uri);
      assert.strictEqual(st?.size, 8, route);
      assert.ok(Number.isInteger(st?.mtime) && Math.abs(st!.mtime - Date.now()) < 60_000, `${route}: ${st?.mtime}`);
      assert.strictEqual(await exists(uri), true, route);
      // A folder is not a file.
      assert.strictEqual(await statFile(root), undefined, route);
    }
  });

  it('reads a local file whole: empty, larger than a read chunk, or of unknown size', async () => {
    // Multi-byte characters across fs's 512 KiB read chunks, and a file of 3 MB and an odd length.
    const big = Buffer.from(`${'Pékin “北京” Tianjin\n'.repeat(100_000)}x`, 'utf8');
    fs.writeFileSync(path.join(tmp, 'big.txt'), big);
    fs.writeFileSync(path.join(tmp, 'empty.txt'), '');
    assert.ok(Buffer.from((await readBytes(vscode.Uri.file(path.join(tmp, 'big.txt'))))!).equals(big));
    assert.strictEqual(await readText(vscode.Uri.file(path.join(tmp, 'big.txt'))), big.toString('utf8'));
    assert.deepStrictEqual([...(await readBytes(vscode.Uri.file(path.join(tmp, 'empty.txt'))))!], []);
    // procfs reports a size of 0 for files that are not empty.
    if (fs.existsSync('/proc/self/status')) {
      const status = await readText(vscode.Uri.file('/proc/self/status'));
      assert.match(status ?? '', /^Name:/, 'a file whose size is not known ahead is read to its end');
    }
  });

  it('drops a byte order mark when reading text, as the editor does, and keeps the bytes', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Tianjin')]);
    fs.writeFileSync(path.join(tmp, 'bom.txt'), bom);
    memory.files.set('/bom.txt', { data: bom, mtime: Date.now() });
    for (const [route, root] of roots()) {
      const uri = vscode.Uri.joinPath(root, 'bom.txt');
      assert.strictEqual(await readText(uri), 'Tianjin', route);
      assert.deepStrictEqual([...(await readBytes(uri))!], [...bom], route);
    }
  });
});
