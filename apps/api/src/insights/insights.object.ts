import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar, DateTimeScalar } from '../common/scalars.js';

export enum InsightDimension {
  STATUS = 'STATUS',
  REGION = 'REGION',
  BRANCH = 'BRANCH',
  WORKPLACE = 'WORKPLACE',
  EMPLOYER = 'EMPLOYER',
}
registerEnumType(InsightDimension, { name: 'InsightDimension', description: 'What a breakdown of members is by.' });

export enum InsightUnit {
  REGION = 'REGION',
  BRANCH = 'BRANCH',
}
registerEnumType(InsightUnit, { name: 'InsightUnit', description: 'The unit figures are grouped by.' });

@ObjectType('InsightCount', {
  description:
    'One count of members. When 1 ≤ the true count < the organisation\'s suppressionThreshold (or it would let such a count ' +
    'be recomputed by subtraction), `count` is null and `suppressed` is true: the API never returns the small number.',
})
export class InsightCount {
  @Field(() => String, { description: 'Stable key (e.g. the region as stored; "" for unknown; "YYYY-MM" for a month).' })
  key: string;

  @Field(() => String, { description: 'What to show, e.g. "Unknown" for the empty key.' })
  label: string;

  @Field(() => Int, { nullable: true })
  count: number | null;

  @Field(() => Boolean)
  suppressed: boolean;
}

@ObjectType('InsightIssueCount', { description: 'An issue\'s count of members; `unit` is set when grouped by region or branch.' })
export class InsightIssueCount extends InsightCount {
  @Field(() => InsightUnit, { nullable: true })
  unitType: InsightUnit | null;

  @Field(() => String, { nullable: true, description: 'The region or branch key ("" = unknown) when grouped.' })
  unit: string | null;

  @Field(() => String, { nullable: true })
  unitLabel: string | null;
}

@ObjectType('MembershipMonth', { description: 'One calendar month (Europe/London) of membership in the scope.' })
export class MembershipMonth {
  @Field(() => String, { description: '"YYYY-MM"' })
  month: string;

  @Field(() => InsightCount, { description: 'Members at the end of the month: joined on or before it and not left by then (joined date known).' })
  total: InsightCount;

  @Field(() => InsightCount, { description: 'Members whose joined date falls in the month.' })
  joiners: InsightCount;

  @Field(() => InsightCount, { description: 'Members whose left date falls in the month.' })
  leavers: InsightCount;

  @Field(() => InsightCount, { description: 'joiners − leavers; suppressed when either is.' })
  net: InsightCount;
}

@ObjectType('InsightBreakdown')
export class InsightBreakdown {
  @Field(() => InsightDimension)
  dimension: InsightDimension;

  @Field(() => [InsightCount], { description: 'Largest first (then by key), at most `limit` rows.' })
  rows: InsightCount[];

  @Field(() => InsightCount, { description: 'All keys beyond `limit` together (count 0 when none).' })
  otherCount: InsightCount;

  @Field(() => InsightCount, { description: 'Members in the scope (rows + otherCount).' })
  total: InsightCount;
}

@ObjectType('InsightIssueChange')
export class InsightIssueChange {
  @Field(() => String)
  key: string;

  @Field(() => String)
  label: string;

  @Field(() => InsightCount, { description: 'Members with the issue at the end of the range (now when `to` is today or later).' })
  now: InsightCount;

  @Field(() => InsightCount, { nullable: true, description: 'Members with the issue at the start of the range; null when no snapshot that old exists.' })
  before: InsightCount | null;

  @Field(() => Int, { nullable: true, description: 'now − before; null when either is suppressed or unknown.' })
  change: number | null;
}

@ObjectType('InsightIssueChanges')
export class InsightIssueChanges {
  @Field(() => DateScalar, { nullable: true, description: 'Day of the snapshot used as "before" (the last one on or before the range start).' })
  since: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Day of the snapshot used as "now" when `to` is in the past; null = current counts.' })
  until: string | null;

  @Field(() => [InsightIssueChange], { description: 'Largest absolute change first; issues present at either end.' })
  rows: InsightIssueChange[];
}

@ObjectType('InsightReach')
export class InsightReach {
  @Field(() => InsightCount)
  total: InsightCount;

  @Field(() => InsightCount, { description: 'has a mobile AND SMS consent GRANTED.' })
  smsReachable: InsightCount;

  @Field(() => InsightCount, { description: 'has an email AND email consent GRANTED.' })
  emailReachable: InsightCount;

  @Field(() => [InsightCount], { description: 'GRANTED, WITHDRAWN, UNKNOWN (in that order).' })
  smsConsent: InsightCount[];

  @Field(() => [InsightCount], { description: 'GRANTED, WITHDRAWN, UNKNOWN (in that order).' })
  emailConsent: InsightCount[];
}

export interface InsightsScope {
  from: string | null;
  to: string | null;
  region: string | null;
  branch: string | null;
}

/** The figures are resolved field by field (InsightsResolver), so a dashboard pays only for what it shows. */
@ObjectType('Insights')
export class InsightsObject {
  @Field(() => ID)
  organisationId: string;

  /** The validated scope every field resolver reads (not exposed). */
  scope: InsightsScope;

  @Field(() => DateTimeScalar, { description: 'The figures are exact as of this instant (rollups include every committed change).' })
  asOf: Date;

  @Field(() => Int, { description: 'Counts from 1 to this − 1 are suppressed (0 = no suppression). Setting: updateInsightSettings.' })
  suppressionThreshold?: number;
}

@ObjectType('InsightSettings')
export class InsightSettingsObject {
  @Field(() => ID)
  organisationId: string;

  @Field(() => Int)
  suppressionThreshold: number;
}
