import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageInfo } from '../common/page-info.object.js';
import { DateTimeScalar } from '../common/scalars.js';
import { MemberObject } from '../member/member.object.js';
import { DUPLICATE_RULES, type DuplicateRuleValue } from './dedupe.entity.js';

export const DuplicateRuleEnum = Object.fromEntries(DUPLICATE_RULES.map((r) => [r, r])) as { [K in DuplicateRuleValue]: K };
registerEnumType(DuplicateRuleEnum, { name: 'DuplicateRule' });

@ObjectType('DuplicateSuggestion')
export class DuplicateSuggestionObject {
  @Field(() => ID) id: string;
  @Field(() => ID) organisationId: string;
  @Field(() => DuplicateRuleEnum) rule: DuplicateRuleValue;
  /** The shared email, mobile (E.164), or "first last, POSTCODE" (lowercased names, postcode without spaces). */
  @Field(() => String) matchedValue: string;
  /** Resolved for the whole page in one query. */
  @Field(() => [MemberObject]) members?: MemberObject[];
  @Field(() => DateTimeScalar) createdAt: Date;
  memberIds: string[];
}

@ObjectType('DuplicateSuggestionEdge')
export class DuplicateSuggestionEdge {
  @Field(() => String) cursor: string;
  @Field(() => DuplicateSuggestionObject) node: DuplicateSuggestionObject;
}

@ObjectType('DuplicateSuggestionConnection')
export class DuplicateSuggestionConnection {
  @Field(() => [DuplicateSuggestionEdge]) edges: DuplicateSuggestionEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount?: number;
  countTotal: () => Promise<number>;
}

@ObjectType('MemberMerge')
export class MemberMergeObject {
  @Field(() => ID) id: string;
  @Field(() => ID) organisationId: string;
  /** Null when the survivor no longer exists (merged into someone else later). */
  @Field(() => MemberObject, { nullable: true }) survivor?: MemberObject | null;
  @Field(() => [ID]) mergedMemberIds: string[];
  @Field(() => [String]) mergedNames: string[];
  @Field(() => String) createdBy: string;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar, { nullable: true }) undoneAt: Date | null;
  @Field(() => String, { nullable: true }) undoneBy: string | null;
  survivorId: string;
}

@ObjectType('MemberMergeEdge')
export class MemberMergeEdge {
  @Field(() => String) cursor: string;
  @Field(() => MemberMergeObject) node: MemberMergeObject;
}

@ObjectType('MemberMergeConnection')
export class MemberMergeConnection {
  @Field(() => [MemberMergeEdge]) edges: MemberMergeEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount?: number;
  countTotal: () => Promise<number>;
}
