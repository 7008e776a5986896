import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ResponseChannel } from '@muster/domain';
import { ResponseChannelEnum } from '../campaign/campaign.object.js';
import { DateTimeScalar } from '../common/scalars.js';

@ObjectType('TrackedLink', { description: 'A short link to an action\'s public page that counts clicks and carries channel and credit.' })
export class TrackedLinkObject {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'The unguessable code in /l/<code>.' }) code: string;
  @Field(() => String, { description: 'The absolute short URL to send (MUSTER_PUBLIC_URL + /l/<code>).' }) url: string;
  @Field(() => ID) actionId: string;
  @Field(() => ID, { nullable: true, description: 'The member the link is for (the page is then pre-filled for them).' }) memberId: string | null;
  @Field(() => ResponseChannelEnum) channel: ResponseChannel;
  @Field(() => ID, { nullable: true }) creditedUserId: string | null;
  @Field(() => Int) clickCount: number;
  @Field(() => DateTimeScalar, { nullable: true }) firstClickedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) lastClickedAt: Date | null;
  @Field(() => DateTimeScalar) createdAt: Date;
}

@ObjectType('ActionLinkStats', { description: 'Tracked links of one action and what they brought.' })
export class ActionLinkStatsObject {
  @Field(() => Int, { description: 'Tracked links made for the action.' }) links: number;
  @Field(() => Int, { description: 'Clicks on them (GET only: HEAD requests, as link previews send, are not counted).' }) clicks: number;
  @Field(() => Int, { description: 'Distinct clickers: the link\'s member when it has one, else distinct client addresses (keyed hashes).' }) uniqueClickers: number;
  @Field(() => Int, { description: 'Forms accepted on the action\'s public page (with or without a link).' }) submissions: number;
}
