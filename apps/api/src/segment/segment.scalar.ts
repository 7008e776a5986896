/**
 * SegmentDefinition: the definition tree travels as one JSON value (not a recursive input type: graphql-jit cannot
 * compile variables of a recursive input type, see member-filter.input.ts). Its shape is checked by
 * @muster/domain's parseSegmentDefinition in the service, which reports every problem with its path.
 */
import { GraphQLScalarType, valueFromASTUntyped } from 'graphql';

export const SegmentDefinitionScalar = new GraphQLScalarType({
  name: 'SegmentDefinition',
  description:
    'A segment definition as JSON: { "version": 1, "root": { "type": "group", "op": "and" | "or" | "not", "children": [...] } } ' +
    'where each child is a group or { "type": "condition", "field", "op", "values" | "value" | "from"/"to" }. See docs/segments.md.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});
