import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { SegmentDefinition } from '@muster/domain';
import { PageInfo } from '../common/page-info.object.js';
import { DateTimeScalar } from '../common/scalars.js';
import { SegmentDefinitionScalar } from './segment.scalar.js';

@ObjectType('Segment')
export class SegmentObject {
  @Field(() => ID) id: string;
  @Field(() => ID) organisationId: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => SegmentDefinitionScalar) definition: SegmentDefinition;
  @Field(() => Int, {
    nullable: true,
    description:
      'How many members are in the segment now: evaluated live, or the snapshot size when frozen. ' +
      'Null (with a SEGMENT_TOO_SLOW → QUERY_TOO_COMPLEX error) when counting took longer than the limit.',
  })
  memberCount?: number | null;
  @Field(() => String) createdBy: string;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar) updatedAt: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the snapshot was taken; null for a live segment.' })
  frozenAt: Date | null;
}

@ObjectType('SegmentEdge')
export class SegmentEdge {
  @Field(() => String) cursor: string;
  @Field(() => SegmentObject) node: SegmentObject;
}

@ObjectType('SegmentConnection')
export class SegmentConnection {
  @Field(() => [SegmentEdge]) edges: SegmentEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount?: number;
  countTotal: () => Promise<number>;
}

@ObjectType('SegmentPreview')
export class SegmentPreviewObject {
  @Field(() => Int) memberCount: number;
  @Field(() => Int, { description: 'Milliseconds the count took in the database.' }) tookMs: number;
}
