import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEmail, IsIn, IsUUID, MaxLength } from 'class-validator';
import { ROLES, type Role } from '@muster/domain';
import { RoleEnum, UserObject } from '../auth/auth.object.js';
import { DateTimeScalar } from '../common/scalars.js';
import { PageInfo } from '../common/page-info.object.js';

@ObjectType('OrganisationUser')
export class OrganisationUserObject {
  @Field(() => UserObject) user: UserObject;
  @Field(() => RoleEnum) role: Role;
  @Field(() => ID) organisationId: string;
}

@ObjectType('OrganisationUserEdge')
export class OrganisationUserEdge {
  @Field(() => String) cursor: string;
  @Field(() => OrganisationUserObject) node: OrganisationUserObject;
}

@ObjectType('OrganisationUserConnection')
export class OrganisationUserConnection {
  @Field(() => [OrganisationUserEdge]) edges: OrganisationUserEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount?: number;
  countTotal: () => Promise<number>;
}

@ObjectType('Invitation')
export class InvitationObject {
  @Field(() => ID) id: string;
  @Field(() => ID) organisationId: string;
  @Field(() => String) email: string;
  @Field(() => RoleEnum) role: Role;
  @Field(() => DateTimeScalar) expiresAt: Date;
  @Field(() => DateTimeScalar, { nullable: true }) acceptedAt: Date | null;
}

@ObjectType('CreatedInvitation')
export class CreatedInvitationObject {
  @Field(() => InvitationObject) invitation: InvitationObject;
  /** The link token, shown once (no email service yet): only its SHA-256 is stored. */
  @Field(() => String) token: string;
}

@InputType('CreateInvitationInput')
export class CreateInvitationInput {
  @Field(() => ID)
  @IsUUID()
  organisationId: string;

  @Field(() => String)
  @IsEmail() @MaxLength(320)
  email: string;

  @Field(() => RoleEnum)
  @IsIn(ROLES as unknown as string[])
  role: Role;
}
