/**
 * Tree nodes of the Corpus views, as plain data. Every node's id is derived from what it stands
 * for, so ids are stable across refreshes and `getParent` can be computed from the node alone:
 * that is what lets `reveal` find a mention without the tree having been expanded.
 */
export type ViewName = 'documents' | 'entities';

export type Node =
  | { kind: 'corpus'; view: ViewName; corpus: string }
  | { kind: 'document'; view: ViewName; corpus: string; doc: string; group?: string; type?: string }
  | { kind: 'type'; view: ViewName; corpus: string; type: string; doc?: string }
  | { kind: 'entity'; view: ViewName; corpus: string; type: string; group: string; doc?: string }
  | { kind: 'mention'; view: ViewName; corpus: string; doc: string; type: string; group: string; annotation: string };

export function nodeId(n: Node): string {
  switch (n.kind) {
    case 'corpus':
      return `${n.view}|c|${n.corpus}`;
    case 'document':
      return n.view === 'documents' ? `${n.view}|c|${n.corpus}|d|${n.doc}` : `${nodeId({ kind: 'entity', view: n.view, corpus: n.corpus, type: n.type!, group: n.group! })}|d|${n.doc}`;
    case 'type':
      return n.view === 'documents' ? `${nodeId({ kind: 'document', view: n.view, corpus: n.corpus, doc: n.doc! })}|t|${n.type}` : `${n.view}|c|${n.corpus}|t|${n.type}`;
    case 'entity':
      return `${nodeId({ kind: 'type', view: n.view, corpus: n.corpus, type: n.type, doc: n.doc })}|g|${n.group}`;
    case 'mention':
      return n.view === 'documents'
        ? `${nodeId({ kind: 'entity', view: n.view, corpus: n.corpus, type: n.type, group: n.group, doc: n.doc })}|m|${n.annotation}`
        : `${nodeId({ kind: 'document', view: n.view, corpus: n.corpus, doc: n.doc, type: n.type, group: n.group })}|m|${n.annotation}`;
  }
}

/**
 * Parents. Documents view: corpus › document › type › entity › mention.
 * Entities view: corpus › type › entity › document › mention. The corpus level only exists in
 * multi-root workspaces (`multiRoot`).
 */
export function parentOf(n: Node, multiRoot: boolean): Node | undefined {
  const corpusNode: Node | undefined = multiRoot ? { kind: 'corpus', view: n.view, corpus: n.corpus } : undefined;
  if (n.view === 'documents') {
    switch (n.kind) {
      case 'corpus':
        return undefined;
      case 'document':
        return corpusNode;
      case 'type':
        return { kind: 'document', view: n.view, corpus: n.corpus, doc: n.doc! };
      case 'entity':
        return { kind: 'type', view: n.view, corpus: n.corpus, type: n.type, doc: n.doc };
      case 'mention':
        return { kind: 'entity', view: n.view, corpus: n.corpus, type: n.type, group: n.group, doc: n.doc };
    }
  }
  switch (n.kind) {
    case 'corpus':
      return undefined;
    case 'type':
      return corpusNode;
    case 'entity':
      return { kind: 'type', view: n.view, corpus: n.corpus, type: n.type };
    case 'document':
      return { kind: 'entity', view: n.view, corpus: n.corpus, type: n.type!, group: n.group! };
    case 'mention':
      return { kind: 'document', view: n.view, corpus: n.corpus, doc: n.doc, type: n.type, group: n.group };
  }
}
