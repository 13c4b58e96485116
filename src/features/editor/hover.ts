import * as vscode from 'vscode';
import { groupKeyOf } from '../../core/corpus/corpusIndex';
import type { CorpusService } from '../../workspace/corpusService';
import { annotationsAt, offsetOf, typeLabel } from '../../workspace/documentState';
import { commandOf } from '../commandIds';
import { plural } from '../../core/text/plural';

/** Hover on an annotation: its type, canonical entity and aliases, note, author, and corpus-wide counts. */
export class AnnotationHover implements vscode.HoverProvider {
  constructor(private readonly service: CorpusService) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const state = this.service.current(document.uri);
    if (!state) return undefined;
    const here = annotationsAt(state, offsetOf(state, position));
    if (here.length === 0) return undefined;
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: [commandOf('showMentions')] };
    for (const a of here) {
      md.appendMarkdown(`**${escape(a.text)}** — ${escape(typeLabel(state, a.type))}${a.status === 'moved' ? ' _(moved: review)_' : ''}\n\n`);
      const entity = a.entity ? state.corpus.config.entities.find((e) => e.id === a.entity) : undefined;
      if (entity) {
        md.appendMarkdown(`$(link) ${escape(entity.name)}${entity.aliases.length ? ` — also ${entity.aliases.map(escape).join(', ')}` : ''}${entity.externalId ? ` (${escape(entity.externalId)})` : ''}\n\n`);
      } else if (a.entity) {
        md.appendMarkdown(`$(warning) linked to unknown entity \`${escape(a.entity)}\`\n\n`);
      }
      const group = groupKeyOf(a);
      const summary = state.corpus.index.corpusEntity(group);
      const count = summary?.mentionCount ?? 0;
      const docs = summary?.documentCount ?? 0;
      const args = encodeURIComponent(JSON.stringify([{ group, corpus: state.corpus.folder.uri.toString() }]));
      md.appendMarkdown(`${plural(count, 'mention')} in ${plural(docs, 'document')} — [list them](command:${commandOf('showMentions')}?${args})\n\n`);
      if (a.note) md.appendMarkdown(`$(note) ${escape(a.note)}\n\n`);
      if (a.author || a.created) md.appendMarkdown(`_${[a.author, a.created?.slice(0, 10)].filter(Boolean).map((x) => escape(x!)).join(', ')}_\n\n`);
      md.appendMarkdown('---\n\n');
    }
    return new vscode.Hover(md);
  }
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
