import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '@muster/domain';
import { RoleEnum } from '../auth/auth.object.js';
import { DateTimeScalar } from '../common/scalars.js';
import { PageInfo } from '../common/page-info.object.js';

@ObjectType('ApiKey')
export class ApiKeyObject {
  @Field(() => ID) id: string;
  @Field(() => ID) organisationId: string;
  @Field(() => String) name: string;
  @Field(() => RoleEnum) role: Role;
  /** Identifies the key in lists and logs; the secret is never shown again. */
  @Field(() => String) prefix: string;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar, { nullable: true }) lastUsedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) revokedAt: Date | null;
}

@ObjectType('CreatedApiKey')
export class CreatedApiKeyObject {
  @Field(() => ApiKeyObject) apiKey: ApiKeyObject;
  /** Shown once: only its SHA-256 is stored. */
  @Field(() => String) secret: string;
}

@ObjectType('ApiKeyEdge')
export class ApiKeyEdge {
  @Field(() => String) cursor: string;
  @Field(() => ApiKeyObject) node: ApiKeyObject;
}

@ObjectType('ApiKeyConnection')
export class ApiKeyConnection {
  @Field(() => [ApiKeyEdge]) edges: ApiKeyEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount?: number;
  countTotal: () => Promise<number>;
}

@InputType('CreateApiKeyInput')
export class CreateApiKeyInput {
  @Field(() => ID)
  @IsUUID()
  organisationId: string;

  @Field(() => String)
  @IsString() @MinLength(1) @MaxLength(100)
  name: string;

  @Field(() => RoleEnum)
  @IsIn(ROLES as unknown as string[])
  role: Role;
}
