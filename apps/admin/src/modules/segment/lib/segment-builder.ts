// The builder's editing model: a SegmentDefinition (from @muster/domain) changed by path, new conditions with the
// right empty value for their field and operator, what the live count may send while someone is still typing, and a
// one-line description of each condition. Pure functions; the components only render and call these.
import {
  OP_LABELS, SEGMENT_FIELDS, pruneEmptySegmentGroups,
  type SegmentCondition, type SegmentDefinition, type SegmentField, type SegmentGroup, type SegmentGroupOp, type SegmentNode, type SegmentValueShape,
} from '@muster/domain';

/** Child indexes from the root group down to a node. */
export type NodePath = readonly number[];

export const GROUP_LABELS: Record<SegmentGroupOp, string> = { and: 'All of these', or: 'Any of these', not: 'None of these' };

export function fieldOptions(): Array<{ value: SegmentField; label: string }> {
  return (Object.keys(SEGMENT_FIELDS) as SegmentField[]).map((f) => ({ value: f, label: SEGMENT_FIELDS[f].label }));
}

export function opOptions(field: SegmentField): Array<{ value: string; label: string }> {
  return Object.keys(SEGMENT_FIELDS[field].ops).map((op) => ({ value: op, label: OP_LABELS[op] ?? op }));
}

export function shapeOf(field: SegmentField, op: string): SegmentValueShape {
  return (SEGMENT_FIELDS[field].ops as Record<string, SegmentValueShape>)[op] ?? 'none';
}

/** A condition with this field and operator, keeping what still fits of `previous` (e.g. the values when only the operator changes). */
export function newCondition(field: SegmentField, op?: string, previous?: SegmentCondition): SegmentCondition {
  const chosen = op && op in SEGMENT_FIELDS[field].ops ? op : Object.keys(SEGMENT_FIELDS[field].ops)[0];
  const condition: SegmentCondition = { type: 'condition', field, op: chosen };
  const same = previous && previous.field === field;
  switch (shapeOf(field, chosen)) {
    case 'list':
      condition.values = same && previous.values ? previous.values : [];
      break;
    case 'number':
      condition.value = same && typeof previous.value === 'number' ? previous.value : 3;
      break;
    case 'pence':
      condition.value = same && shapeOf(field, previous.op) === 'pence' && typeof previous.value === 'number' ? previous.value : 1000;
      break;
    case 'days':
      condition.value = same && shapeOf(field, previous.op) === 'days' && typeof previous.value === 'number' ? previous.value : 30;
      break;
    case 'date':
      condition.value = same && typeof previous.value === 'string' ? previous.value : '';
      break;
    case 'range':
      condition.from = same ? (previous.from ?? '') : '';
      condition.to = same ? (previous.to ?? '') : '';
      break;
    case 'none':
      break;
  }
  return condition;
}

export function newGroup(op: SegmentGroupOp = 'and'): SegmentGroup {
  return { type: 'group', op, children: [] };
}

function mapGroup(group: SegmentGroup, path: NodePath, fn: (node: SegmentNode) => SegmentNode | null): SegmentGroup {
  if (path.length === 0) return fn(group) as SegmentGroup;
  const [head, ...rest] = path;
  const children: SegmentNode[] = [];
  group.children.forEach((child, i) => {
    if (i !== head) return children.push(child);
    const next = rest.length === 0 ? fn(child) : child.type === 'group' ? mapGroup(child, rest, fn) : child;
    if (next) children.push(next);
  });
  return { ...group, children };
}

export function replaceAt(definition: SegmentDefinition, path: NodePath, node: SegmentNode): SegmentDefinition {
  return { ...definition, root: mapGroup(definition.root, path, () => node) };
}

export function removeAt(definition: SegmentDefinition, path: NodePath): SegmentDefinition {
  if (path.length === 0) return definition;
  return { ...definition, root: mapGroup(definition.root, path, () => null) };
}

export function appendTo(definition: SegmentDefinition, groupPath: NodePath, node: SegmentNode): SegmentDefinition {
  return {
    ...definition,
    root: mapGroup(definition.root, groupPath, (g) => (g.type === 'group' ? { ...g, children: [...g.children, node] } : g)),
  };
}

/** Depth of a path's group (the root is 1), for "groups may nest 6 deep". */
export function depthOf(path: NodePath): number {
  return path.length + 1;
}

export function isComplete(c: SegmentCondition): boolean {
  switch (shapeOf(c.field, c.op)) {
    case 'list': return (c.values ?? []).length > 0;
    case 'number':
    case 'pence':
    case 'days': return typeof c.value === 'number' && Number.isInteger(c.value) && c.value > 0;
    case 'date': return typeof c.value === 'string' && c.value !== '';
    case 'range': return !!c.from && !!c.to;
    case 'none': return true;
  }
}

/**
 * What the live count sends while editing: unfinished conditions and the groups they leave empty are left out, and
 * how many were left out is said next to the count.
 */
export function forPreview(definition: SegmentDefinition): { definition: SegmentDefinition; incomplete: number } {
  let incomplete = 0;
  const strip = (group: SegmentGroup): SegmentGroup => ({
    ...group,
    children: group.children.flatMap((c): SegmentNode[] => {
      if (c.type === 'group') return [strip(c)];
      if (isComplete(c)) return [c];
      incomplete++;
      return [];
    }),
  });
  return { definition: pruneEmptySegmentGroups({ ...definition, root: strip(definition.root) }), incomplete };
}

/** "Region is none of North West, Wales"; ids of imports/segments are named through `names` when known. */
export function describeCondition(c: SegmentCondition, names: Record<string, string> = {}): string {
  const label = SEGMENT_FIELDS[c.field].label;
  const op = OP_LABELS[c.op] ?? c.op;
  switch (shapeOf(c.field, c.op)) {
    case 'list': return `${label} ${op} ${(c.values ?? []).map((v) => names[v] ?? v).join(', ')}`;
    case 'number':
    case 'date': return `${label} ${op} ${String(c.value ?? '')}`;
    case 'pence': return `${label} ${op.replace(' (pence)', '')} £${(Number(c.value ?? 0) / 100).toFixed(2)}`;
    case 'days': return `${label} ${op.replace('…', String(c.value ?? '?'))}`;
    case 'range': return `${label} between ${c.from ?? '?'} and ${c.to ?? '?'}`;
    case 'none': return c.op === 'is' ? label : c.op === 'isNot' ? `Not ${label.toLowerCase()}` : `${label} ${op}`;
  }
}

/** The definition in words, one line per condition, indented by group. */
export function describeDefinition(definition: SegmentDefinition, names: Record<string, string> = {}): string[] {
  const lines: string[] = [];
  const walk = (group: SegmentGroup, depth: number) => {
    for (const child of group.children) {
      const indent = '  '.repeat(depth);
      if (child.type === 'group') {
        lines.push(`${indent}${GROUP_LABELS[child.op]}:`);
        walk(child, depth + 1);
      } else lines.push(`${indent}${describeCondition(child, names)}`);
    }
  };
  if (definition.root.children.length === 0) return ['Every member'];
  lines.push(`${GROUP_LABELS[definition.root.op]}:`);
  walk(definition.root, 1);
  return lines;
}
