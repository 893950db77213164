import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

// What a list's resolver can know of the fields asked of each of its items before it reads them, so
// that it can read with the items what would otherwise take a statement of its own. Worked out once
// per document (the field nodes are the parsed document's, kept while it is cached).

const known = new WeakMap<FieldNode, ReadonlySet<string>>();

function collect(set: SelectionSetNode | undefined, path: readonly string[], fragments: Record<string, FragmentDefinitionNode>, into: Set<string>): void {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      if (!path.length) into.add(selection.name.value);
      else if (selection.name.value === path[0]) collect(selection.selectionSet, path.slice(1), fragments, into);
    } else {
      const inner = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments[selection.name.value]?.selectionSet;
      collect(inner, path, fragments, into);
    }
  }
}

/** The fields asked of each node of a connection (under `edges { node }`), fragments included. */
export function nodeFieldsOf(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): ReadonlySet<string> {
  const key = info.fieldNodes[0]!;
  let fields = known.get(key);
  if (!fields) {
    const into = new Set<string>();
    for (const node of info.fieldNodes) collect(node.selectionSet, ['edges', 'node'], info.fragments, into);
    known.set(key, (fields = into));
  }
  return fields;
}
