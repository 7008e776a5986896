import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { DateTimeScalar } from '../common/scalars.js';
import { PageInfo } from '../common/page-info.object.js';
import { StringFilter } from '../member/dtos/member-filter.input.js';

@ObjectType('AuditEvent')
export class AuditEventObject {
  @Field(() => ID) id: string;
  @Field(() => ID, { nullable: true }) organisationId: string | null;
  @Field(() => String) action: string;
  @Field(() => ID, { nullable: true }) actorUserId: string | null;
  @Field(() => ID, { nullable: true }) actorApiKeyId: string | null;
  @Field(() => String) actorLabel: string;
  @Field(() => String, { nullable: true }) targetType: string | null;
  @Field(() => [String]) targetIds: string[];
  @Field(() => String, { nullable: true }) ip: string | null;
  @Field(() => String, { nullable: true }) userAgent: string | null;
  @Field(() => String, { nullable: true }) requestId: string | null;
  @Field(() => DateTimeScalar) createdAt: Date;
}

@ObjectType('AuditEventEdge')
export class AuditEventEdge {
  @Field(() => String) cursor: string;
  @Field(() => AuditEventObject) node: AuditEventObject;
}

@ObjectType('AuditEventConnection')
export class AuditEventConnection {
  @Field(() => [AuditEventEdge]) edges: AuditEventEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount?: number;
  countTotal: () => Promise<number>;
}

@InputType('DateTimeFilter')
export class DateTimeFilter {
  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional() @IsDate()
  gte?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional() @IsDate()
  lte?: Date | null;
}

@InputType('AuditEventFilter')
export class AuditEventFilter {
  @Field(() => StringFilter, { nullable: true })
  @IsOptional() @ValidateNested() @Type(() => StringFilter)
  action?: StringFilter | null;

  @Field(() => ID, { nullable: true })
  @IsOptional() @IsUUID()
  actorUserId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional() @IsUUID()
  organisationId?: string | null;

  @Field(() => DateTimeFilter, { nullable: true })
  @IsOptional() @ValidateNested() @Type(() => DateTimeFilter)
  createdAt?: DateTimeFilter | null;
}
