/** The two date scalars of the contract: DateTime (ISO-8601 instant) and Date ("YYYY-MM-DD"). */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant as an ISO-8601 string, e.g. "2026-11-26T12:00:00.000Z".',
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string') return new Date(value).toISOString();
    throw new GraphQLError('DateTime cannot represent this value');
  },
  parseValue(value) {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw new GraphQLError('DateTime must be an ISO-8601 string');
    return new Date(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING || Number.isNaN(Date.parse(ast.value))) throw new GraphQLError('DateTime must be an ISO-8601 string');
    return new Date(ast.value);
  },
});

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, "YYYY-MM-DD".',
  serialize(value) {
    if (typeof value === 'string') return value;
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    throw new GraphQLError('Date cannot represent this value');
  },
  parseValue(value) {
    if (typeof value !== 'string' || !isRealDate(value)) throw new GraphQLError('Date must be a real date as "YYYY-MM-DD"');
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING || !isRealDate(ast.value)) throw new GraphQLError('Date must be a real date as "YYYY-MM-DD"');
    return ast.value;
  },
});
