/**
 * Dedupe module: the duplicate review queue (suggestions by rule, "not a duplicate"), merge, unmerge and the merge
 * history; a completed import queues a refresh of its organisation's queue (dedupe.refresh-job.ts). Must never: act across organisations, or delete a member without a snapshot that restores it exactly.
 * Reads members through its own queries and the member module's repository (for phones and emails of a page).
 */
import { Module } from '@nestjs/common';
import { MemberRepository } from '../member/member.repository.js';
import { DedupeMergeRepository } from './dedupe-merge.repository.js';
import { DedupeMergeService } from './dedupe-merge.service.js';
import { DedupeRepository } from './dedupe.repository.js';
import { DuplicateRefreshJob } from './dedupe.refresh-job.js';
import {
  DuplicateSuggestionConnectionResolver,
  DuplicateSuggestionResolver,
  MemberMergeConnectionResolver,
  MemberMergeResolver,
} from './dedupe.resolver.js';
import { DedupeService } from './dedupe.service.js';

@Module({
  providers: [
    MemberRepository, DedupeRepository, DedupeMergeRepository, DedupeService, DedupeMergeService, DuplicateRefreshJob,
    DuplicateSuggestionResolver, MemberMergeResolver, DuplicateSuggestionConnectionResolver, MemberMergeConnectionResolver,
  ],
})
export class DedupeModule {}
