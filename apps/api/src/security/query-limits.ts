/**
 * Static limits on a GraphQL document, checked before graphql-js validates it (Mercurius
 * preValidation hook), so a hostile document costs one cheap walk and nothing more.
 * Owns: the alias count and the cost estimate. Must never: execute or resolve anything.
 *
 * Cost: every field costs 1; a field with `first`/`last` multiplies the cost of its selection by
 * that number (50 when absent, as paging.ts defaults); fragments are costed once and reused, so
 * a "fragment bomb" is counted, not expanded.
 */
import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';
import { SecurityException } from './security.exception.js';

export const DEFAULT_PAGE = 50;

export interface QueryMeasure {
  aliases: number;
  cost: number;
}

function pageArgument(value: ValueNode | undefined, variables: Record<string, unknown>): number | null {
  if (!value) return null;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
  return null;
}

/** Measures every operation of the document (the one executed is among them). */
export function measureDocument(document: DocumentNode, variables: Record<string, unknown> = {}): QueryMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const fragmentMeasure = new Map<string, QueryMeasure>();
  const inProgress = new Set<string>();

  function selection(set: SelectionSetNode | undefined): QueryMeasure {
    const total = { aliases: 0, cost: 0 };
    if (!set) return total;
    for (const sel of set.selections) {
      let part: QueryMeasure;
      if (sel.kind === Kind.FIELD) {
        const child = selection(sel.selectionSet);
        const first = sel.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
        const multiplier = sel.selectionSet && first ? Math.max(1, pageArgument(first.value, variables) ?? DEFAULT_PAGE) : 1;
        part = { aliases: (sel.alias ? 1 : 0) + child.aliases, cost: 1 + multiplier * child.cost };
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        part = selection(sel.selectionSet);
      } else {
        part = fragment(sel.name.value);
      }
      total.aliases += part.aliases;
      total.cost += part.cost;
      // Stop early: numbers only grow, and a bomb should not be walked to the end.
      if (total.cost > Number.MAX_SAFE_INTEGER / 1e6) return total;
    }
    return total;
  }

  function fragment(name: string): QueryMeasure {
    const known = fragmentMeasure.get(name);
    if (known) return known;
    const def = fragments.get(name);
    // Unknown or cyclic fragments: graphql-js validation reports them; they cost nothing here.
    if (!def || inProgress.has(name)) return { aliases: 0, cost: 0 };
    inProgress.add(name);
    const measure = selection(def.selectionSet);
    inProgress.delete(name);
    fragmentMeasure.set(name, measure);
    return measure;
  }

  const result = { aliases: 0, cost: 0 };
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    const m = selection(def.selectionSet);
    result.aliases = Math.max(result.aliases, m.aliases);
    result.cost = Math.max(result.cost, m.cost);
  }
  return result;
}

export function assertWithinLimits(document: DocumentNode, variables: Record<string, unknown> | undefined, limits: { maxAliases: number; maxCost: number }): void {
  const m = measureDocument(document, variables ?? {});
  if (m.aliases > limits.maxAliases) throw SecurityException.tooComplex(`${m.aliases} aliases, at most ${limits.maxAliases} allowed`);
  if (m.cost > limits.maxCost) throw SecurityException.tooComplex(`estimated cost ${m.cost}, at most ${limits.maxCost} allowed`);
}
