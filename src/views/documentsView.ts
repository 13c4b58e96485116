import * as vscode from 'vscode';

export class DocumentsView implements vscode.TreeDataProvider<vscode.Uri> {
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly documents: () => vscode.Uri[]) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(uri: vscode.Uri): vscode.TreeItem {
    const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.None);
    item.id = uri.toString();
    item.description = vscode.workspace.asRelativePath(uri, false);
    item.contextValue = 'corpusDocument';
    item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
    return item;
  }

  getChildren(element?: vscode.Uri): vscode.Uri[] {
    return element ? [] : this.documents();
  }

  getParent(): undefined {
    return undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
