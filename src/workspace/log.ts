import * as vscode from 'vscode';

export type LogLevel = 'info' | 'warn' | 'error';

/** The extension's log: the Output panel's channel, plus the recent lines for tests that need to know why. */
export class Log implements vscode.Disposable {
  private readonly output = vscode.window.createOutputChannel('Corpus Annotator', { log: true });
  /** Recent log lines, newest last. */
  readonly recent: string[] = [];

  write(message: string, level: LogLevel = 'info'): void {
    this.output[level](message);
    this.recent.push(`[${level}] ${message}`);
    if (this.recent.length > 200) this.recent.shift();
  }

  /** Shows the Output channel without taking the focus. */
  show(): void {
    this.output.show(true);
  }

  dispose(): void {
    this.output.dispose();
  }
}
