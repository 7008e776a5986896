import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { DONATION_KINDS, DONATION_STATUSES, type DonationKind, type DonationStatus } from '@muster/domain';
import { DateTimeScalar } from '../../common/scalars.js';
import { DonationKindEnum, DonationStatusEnum } from '../donation.object.js';

@InputType('DonationFilter')
export class DonationFilterInput {
  @Field(() => [DonationStatusEnum], { nullable: true })
  @IsOptional() @IsArray() @IsIn(DONATION_STATUSES as unknown as string[], { each: true })
  status?: DonationStatus[] | null;

  @Field(() => DonationKindEnum, { nullable: true })
  @IsOptional() @IsIn(DONATION_KINDS as unknown as string[])
  kind?: DonationKind | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Created at or after.' })
  @IsOptional()
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Created before.' })
  @IsOptional()
  to?: Date | null;
}

@InputType('GiftAidDeclarationInput')
export class GiftAidDeclarationInput {
  @Field(() => String, { description: 'The exact wording the donor agreed to.' })
  @IsString() @MaxLength(2000)
  wording: string;

  @Field(() => String) @IsString() @MaxLength(200) fullName: string;
  @Field(() => String) @IsString() @MaxLength(200) house: string;
  @Field(() => String) @IsString() @MaxLength(20) postcode: string;

  @Field(() => Boolean, { nullable: true, description: 'Also covers gifts of the last four years (default false).' })
  @IsOptional() @IsBoolean()
  coversPast?: boolean | null;
}

@InputType('RecordDonationInput')
export class RecordDonationInput {
  @Field(() => ID) @IsString() organisationId: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() memberId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Defaults to the action\'s campaign.' }) @IsOptional() @IsString() campaignId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A paid donation with a member completes this action for them (channel STAFF, credited to you).' })
  @IsOptional() @IsString()
  actionId?: string | null;

  @Field(() => Int, { description: 'Whole pence, at least 1.' }) @IsInt() amountPence: number;

  @Field(() => Boolean, { nullable: true, description: 'Claim Gift Aid: needs the member\'s declaration (an existing one, or `giftAidDeclaration`).' })
  @IsOptional() @IsBoolean()
  giftAid?: boolean | null;

  @Field(() => GiftAidDeclarationInput, { nullable: true, description: 'Records a new declaration for the member (source STAFF).' })
  @IsOptional() @ValidateNested() @Type(() => GiftAidDeclarationInput)
  giftAidDeclaration?: GiftAidDeclarationInput | null;

  @Field(() => String, { nullable: true, description: 'Cash, cheque number, where it was collected…' })
  @IsOptional() @IsString() @MaxLength(1000)
  note?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was received (default now; not in the future).' })
  @IsOptional()
  receivedAt?: Date | null;
}
