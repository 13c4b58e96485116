// Development only (loaded by `npm start`, never packaged): the workbench can be told which file to
// open through its URL, but not which view to show, so this shows the Corpus view once the window
// has opened. The extension itself never moves a person's views.
const vscode = require('vscode');

exports.activate = function activate() {
  void vscode.commands.executeCommand('workbench.view.extension.corpusAnnotator').then(async () => {
    // Showing the view moves focus to it; give it back to the document the URL opened.
    if (vscode.window.activeTextEditor) await vscode.window.showTextDocument(vscode.window.activeTextEditor.document);
  }, () => undefined);
};
