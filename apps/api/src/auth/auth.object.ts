import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ROLES, type Role } from '@muster/domain';
import { DateTimeScalar } from '../common/scalars.js';
import { OrganisationObject } from '../organisation/organisation.object.js';

export const RoleEnum = Object.fromEntries(ROLES.map((r) => [r, r])) as { [K in Role]: K };
registerEnumType(RoleEnum, { name: 'Role' });

@ObjectType('User')
export class UserObject {
  @Field(() => ID) id: string;
  @Field(() => String) email: string;
  @Field(() => String) name: string;
}

@ObjectType('OrganisationRole')
export class OrganisationRoleObject {
  @Field(() => OrganisationObject) organisation: OrganisationObject;
  @Field(() => RoleEnum) role: Role;
}

@ObjectType('Viewer')
export class ViewerObject {
  @Field(() => UserObject, { nullable: true }) user: UserObject | null;
  /** Resolved by ViewerResolver (the ApiKey type lives in api-key/). */
  apiKeyId: string | null;
  @Field(() => [OrganisationRoleObject]) roles: OrganisationRoleObject[];
  @Field(() => [OrganisationObject]) organisations: OrganisationObject[];
}

@ObjectType('LoginPayload')
export class LoginPayloadObject {
  @Field(() => String) token: string;
  @Field(() => DateTimeScalar) expiresAt: Date;
  @Field(() => ViewerObject) viewer: ViewerObject;
}

@ObjectType('Session')
export class SessionObject {
  @Field(() => ID) id: string;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar, { nullable: true }) lastUsedAt: Date | null;
  @Field(() => DateTimeScalar) expiresAt: Date;
  @Field(() => String, { nullable: true }) userAgent: string | null;
  @Field(() => String, { nullable: true }) ip: string | null;
  @Field(() => Boolean) current: boolean;
}
