import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString } from 'class-validator';
import type { ResponseChannel } from '@muster/domain';
import { ResponseChannelEnum } from '../../campaign/campaign.object.js';

@InputType('CreateTrackedLinkInput')
export class CreateTrackedLinkInput {
  @Field(() => ID)
  @IsString()
  actionId: string;

  @Field(() => ID, { nullable: true, description: 'For one member: the page is pre-filled for them through a signed token.' })
  @IsOptional() @IsString()
  memberId?: string | null;

  @Field(() => ResponseChannelEnum, { description: 'The channel the link is sent through; responses it brings are recorded with it.' })
  @IsEnum(ResponseChannelEnum)
  channel: ResponseChannel;

  @Field(() => ID, { nullable: true, description: 'The volunteer or staff member credited with responses the link brings.' })
  @IsOptional() @IsString()
  creditedUserId?: string | null;
}
