import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageInfo } from '../common/page-info.object.js';
import { DateScalar, DateTimeScalar } from '../common/scalars.js';
import {
  CONSENT_STATUSES,
  MEMBER_STATUSES,
  PHONE_TYPES,
  type ConsentStatusValue,
  type MemberStatusValue,
  type PhoneTypeValue,
} from './member.entity.js';

function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

export const MemberStatusEnum = enumOf(MEMBER_STATUSES);
export const ConsentStatusEnum = enumOf(CONSENT_STATUSES);
export const PhoneTypeEnum = enumOf(PHONE_TYPES);
registerEnumType(MemberStatusEnum, { name: 'MemberStatus' });
registerEnumType(ConsentStatusEnum, { name: 'ConsentStatus' });
registerEnumType(PhoneTypeEnum, { name: 'PhoneType' });

@ObjectType('MemberPhone')
export class MemberPhoneObject {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  e164: string;

  @Field(() => PhoneTypeEnum)
  type: PhoneTypeValue;

  @Field(() => Boolean)
  primary: boolean;
}

@ObjectType('MemberEmail')
export class MemberEmailObject {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  address: string;

  @Field(() => Boolean)
  primary: boolean;
}

@ObjectType('Member')
export class MemberObject {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  organisationId: string;

  @Field(() => String)
  firstName: string;

  @Field(() => String)
  lastName: string;

  @Field(() => String)
  fullName: string;

  @Field(() => String, { nullable: true, description: 'Primary email.' })
  email: string | null;

  @Field(() => String, { nullable: true, description: 'Primary phone, E.164.' })
  phone: string | null;

  /** Resolved by MemberFieldsResolver: loaded for a whole page in one query, only when selected. */
  @Field(() => [MemberEmailObject])
  emails?: MemberEmailObject[];

  @Field(() => [MemberPhoneObject])
  phones?: MemberPhoneObject[];

  @Field(() => String, { nullable: true, description: 'Normalised, e.g. "SW1A 1AA".' })
  postcode: string | null;

  @Field(() => String, { nullable: true })
  region: string | null;

  @Field(() => String, { nullable: true })
  branch: string | null;

  @Field(() => String, { nullable: true })
  workplace: string | null;

  @Field(() => String, { nullable: true })
  employer: string | null;

  @Field(() => String, { nullable: true })
  membershipNumber: string | null;

  @Field(() => MemberStatusEnum)
  status: MemberStatusValue;

  @Field(() => DateScalar, { nullable: true })
  joinedOn: string | null;

  @Field(() => DateScalar, { nullable: true })
  leftOn: string | null;

  @Field(() => [String])
  tags: string[];

  @Field(() => [String])
  issues: string[];

  @Field(() => ConsentStatusEnum)
  smsConsent: ConsentStatusValue;

  @Field(() => ConsentStatusEnum)
  emailConsent: ConsentStatusValue;

  @Field(() => Int, { nullable: true, description: 'Voter ID support level, 1-5.' })
  supportLevel: number | null;

  @Field(() => Int)
  engagementScore: number;

  @Field(() => DateTimeScalar, { nullable: true, description: 'The last time the member was contacted by call, text or email (a response recorded through CALL, SMS or EMAIL); null if never.' })
  lastContactedAt: Date | null;

  @Field(() => DateTimeScalar)
  createdAt: Date;

  @Field(() => DateTimeScalar)
  updatedAt: Date;
}

@ObjectType('MemberEdge')
export class MemberEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => MemberObject)
  node: MemberObject;
}

@ObjectType('MemberConnection')
export class MemberConnection {
  @Field(() => [MemberEdge])
  edges: MemberEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  /** Resolved by MemberConnectionResolver only when selected. */
  @Field(() => Int)
  totalCount?: number;

  countTotal: () => Promise<number>;
}
