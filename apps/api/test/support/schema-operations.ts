/**
 * Builds a runnable document for every root field of a GraphQL schema, aimed at one organisation's
 * records: arguments are derived from their names and types (`organisationId` → the target
 * organisation, `id` → the target's record of the kind the operation returns, inputs → minimal valid
 * values carrying the target's organisationId), selections take every field a few levels deep.
 * Anything it cannot derive is an error naming the operation and argument, so an operation added to
 * the schema is either covered automatically or makes the suite fail until someone says how.
 */
import {
  astFromValue,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  print,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/** The target organisation's ids, by kind. */
export interface TargetIds {
  organisationId: string;
  memberId: string;
  apiKeyId: string;
  sessionId: string;
  userId: string;
  invitationId: string;
  /** An email address of one of the target's users. */
  userEmail: string;
  memberImportId: string;
  importMappingId: string;
  /** An open duplicate suggestion and a merge of the target (dedupe). */
  suggestionId?: string;
  mergeId?: string;
  /** A frozen segment of the target. */
  segmentId?: string;
  /** A campaign of the target and one of its actions (with a response). */
  campaignId?: string;
  actionId?: string;
  /** A donation of the target (issue 6, donations). */
  donationId?: string;
  /** A monthly donation plan of the target (ACTIVE, so a cancel would change it). */
  donationPlanId?: string;
}

export type RootKind = 'Query' | 'Mutation';

export interface RootOperation {
  kind: RootKind;
  name: string;
  field: GraphQLField<unknown, unknown>;
}

export interface BuiltOperation {
  kind: RootKind;
  name: string;
  /** `hostile`: nullable arguments that can name the target are filled in too. */
  variant: 'minimal' | 'hostile';
  document: string;
}

/** Values for `Operation.argument` (or `Operation.argument.field`) that cannot be derived. */
export type ExplicitArguments = Record<string, unknown>;

export class MissingRecipeError extends Error {}

/** Return types whose `id` argument names a record of that kind. */
const ID_BY_RETURN_TYPE: Record<string, keyof TargetIds> = {
  Member: 'memberId',
  Organisation: 'organisationId',
  ApiKey: 'apiKeyId',
  Session: 'sessionId',
  Invitation: 'invitationId',
  User: 'userId',
  OrganisationUser: 'userId',
  MemberImport: 'memberImportId',
  ImportMapping: 'importMappingId',
  Segment: 'segmentId',
  Campaign: 'campaignId',
  Action: 'actionId',
  Donation: 'donationId',
  DonationPlan: 'donationPlanId',
};

/** Arguments named `<kind>Id`. */
const ID_BY_NAME: Record<string, keyof TargetIds> = {
  organisationId: 'organisationId',
  memberId: 'memberId',
  apiKeyId: 'apiKeyId',
  sessionId: 'sessionId',
  userId: 'userId',
  actorUserId: 'userId',
  invitationId: 'invitationId',
  survivorId: 'memberId',
  mergedIds: 'memberId',
  suggestionId: 'suggestionId',
  mergeId: 'mergeId',
  segmentId: 'segmentId',
  campaignId: 'campaignId',
  actionId: 'actionId',
  creditedUserId: 'userId',
  targetSegmentId: 'segmentId',
};

/** Plain strings with an obvious harmless value (never an id). */
const STRING_BY_NAME: Record<string, (ids: TargetIds) => string> = {
  email: (ids) => ids.userEmail,
  password: () => 'not the right password',
  currentPassword: () => 'not the right password',
  newPassword: () => 'a brand new password 1',
  name: () => 'Cross Organisation Probe',
  firstName: () => 'Cross',
  lastName: () => 'Probe',
  // A list's name search: a word of the target's record names ("Alpha … Probe").
  search: () => 'Alpha',
};

const SELECTION_DEPTH = 4;
const PAGE = 5;

export function rootOperations(schema: GraphQLSchema): RootOperation[] {
  const out: RootOperation[] = [];
  for (const [kind, type] of [['Query', schema.getQueryType()], ['Mutation', schema.getMutationType()]] as const) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) out.push({ kind, name: field.name, field });
  }
  return out;
}

export class OperationBuilder {
  constructor(
    private readonly ids: TargetIds,
    private readonly explicit: ExplicitArguments,
  ) {}

  /** The minimal document, and a hostile one when some nullable argument can name the target. */
  build(op: RootOperation): BuiltOperation[] {
    const minimal = this.document(op, false);
    const hostile = this.document(op, true);
    const out: BuiltOperation[] = [{ kind: op.kind, name: op.name, variant: 'minimal', document: minimal }];
    if (hostile !== minimal) out.push({ kind: op.kind, name: op.name, variant: 'hostile', document: hostile });
    return out;
  }

  private document(op: RootOperation, hostile: boolean): string {
    const args = this.argumentList(`${op.kind}.${op.name}`, op.field.args, getNamedType(op.field.type).name, hostile);
    const selection = this.selection(getNamedType(op.field.type), SELECTION_DEPTH, op.name);
    return `${op.kind === 'Query' ? 'query' : 'mutation'} { ${op.name}${args}${selection} }`;
  }

  private argumentList(path: string, args: readonly GraphQLArgument[], returnType: string, hostile: boolean): string {
    const parts: string[] = [];
    for (const arg of args) {
      const key = `${path}.${arg.name}`;
      let value: unknown;
      if (key in this.explicit) value = this.explicit[key];
      else if (!isNonNullType(arg.type) && !hostile && arg.name !== 'first') continue;
      else value = this.argumentValue(key, arg.name, arg.type, returnType, !isNonNullType(arg.type));
      if (value === undefined) continue;
      const ast = astFromValue(value, arg.type);
      if (!ast) throw new MissingRecipeError(`cannot print a value for ${key}`);
      parts.push(`${arg.name}: ${print(ast)}`);
    }
    return parts.length ? `(${parts.join(', ')})` : '';
  }

  /** undefined: leave a nullable argument out. */
  private argumentValue(key: string, name: string, type: GraphQLInputType, returnType: string, optional: boolean): unknown {
    const named = getNamedType(type);
    if (name === 'first' || name === 'last') return PAGE;
    if (name === 'after' || name === 'before') return undefined;
    if (named.name === 'ID') {
      const kind = name === 'id' ? ID_BY_RETURN_TYPE[returnType] : ID_BY_NAME[name];
      if (kind && this.ids[kind] !== undefined) return this.ids[kind];
      if (optional) return undefined;
      throw new MissingRecipeError(`no recipe for ${key} (an ID of unknown kind): add it to the explicit table`);
    }
    if (isEnumType(named)) return named.name === 'Role' ? 'CLIENT_VIEWER' : named.getValues()[0].value;
    if (isInputObjectType(named)) {
      const value = this.inputValue(key, named.getFields(), optional);
      return isListType(getNullableType(type)) && value !== undefined ? [value] : value;
    }
    if (named.name === 'String' && STRING_BY_NAME[name]) return STRING_BY_NAME[name](this.ids);
    if (named.name === 'Int') return 1;
    if (named.name === 'Boolean') return false;
    if (optional) return undefined;
    throw new MissingRecipeError(`no recipe for ${key} (${String(type)}): add it to the explicit table`);
  }

  /**
   * Required fields, plus every field that names the target organisation or one of its records. An
   * input with nothing required and nothing naming the target (a patch) gets its first string
   * field, so that the call would change something if it were allowed. Nullable inputs that cannot
   * name the target are left out.
   */
  private inputValue(key: string, fields: Record<string, GraphQLInputField>, optional: boolean): Record<string, unknown> | undefined {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(fields)) {
      const path = `${key}.${field.name}`;
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      const named = getNamedType(field.type);
      if (path in this.explicit) value[field.name] = this.explicit[path];
      else if (required) {
        if (named.name === 'String' && !STRING_BY_NAME[field.name]) value[field.name] = 'Cross Organisation Probe';
        else value[field.name] = this.argumentValue(path, field.name, field.type, '', false);
      } else if (named.name === 'ID' && ID_BY_NAME[field.name]) value[field.name] = this.ids[ID_BY_NAME[field.name]];
    }
    if (Object.keys(value).length === 0) {
      if (optional) return undefined;
      const firstString = Object.values(fields).find((f) => getNamedType(f.type).name === 'String' && !isListType(getNullableType(f.type)));
      if (firstString) value[firstString.name] = 'Cross Organisation Probe';
    }
    return value;
  }

  private selection(type: ReturnType<typeof getNamedType>, depth: number, path: string): string {
    if (isLeafType(type)) return '';
    if (isUnionType(type) || isInterfaceType(type)) return ' { __typename }';
    if (!isObjectType(type)) return '';
    return ` { ${this.fields(type, depth, path).join(' ')} }`;
  }

  private fields(type: GraphQLObjectType, depth: number, path: string): string[] {
    const out: string[] = ['__typename'];
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (!isLeafType(named) && depth <= 1) continue;
      const args = this.argumentList(`${type.name}.${field.name}`, field.args.filter((a) => isNonNullType(a.type) || a.name === 'first'), named.name, false);
      out.push(`${field.name}${args}${this.selection(named, depth - 1, `${path}.${field.name}`)}`);
    }
    return out;
  }
}
