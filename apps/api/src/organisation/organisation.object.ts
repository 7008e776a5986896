import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateTimeScalar } from '../common/scalars.js';
import { PageInfo } from '../common/page-info.object.js';
import { ORGANISATION_KINDS, type OrganisationKind } from './organisation.entity.js';

export const OrganisationKindEnum = Object.fromEntries(ORGANISATION_KINDS.map((k) => [k, k])) as {
  [K in OrganisationKind]: K;
};
registerEnumType(OrganisationKindEnum, { name: 'OrganisationKind' });

@ObjectType('Organisation')
export class OrganisationObject {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => String)
  slug: string;

  @Field(() => OrganisationKindEnum)
  kind: OrganisationKind;

  @Field(() => ID, { nullable: true })
  parentId: string | null;

  @Field(() => DateTimeScalar)
  createdAt: Date;
}

@ObjectType('OrganisationEdge')
export class OrganisationEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => OrganisationObject)
  node: OrganisationObject;
}

@ObjectType('OrganisationConnection')
export class OrganisationConnection {
  @Field(() => [OrganisationEdge])
  edges: OrganisationEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  /** Resolved by OrganisationConnectionResolver only when selected. */
  @Field(() => Int)
  totalCount?: number;

  countTotal: () => Promise<number>;
}
