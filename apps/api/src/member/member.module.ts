/**
 * Member module: owns members and their phones and emails (list with filters, search and keyset
 * paging; read; create; update). Must never: read or write another organisation's members (every
 * repository call is scoped by organisation), or hold phone/email rules of its own (those are in
 * @muster/domain).
 */
import { Module } from '@nestjs/common';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { SegmentModule } from '../segment/segment.module.js';
import { MemberRepository } from './member.repository.js';
import { MemberConnectionResolver, MemberResolver } from './member.resolver.js';
import { MemberService } from './member.service.js';

@Module({
  imports: [OrganisationModule, SegmentModule],
  providers: [MemberRepository, MemberService, MemberResolver, MemberConnectionResolver],
  exports: [MemberService],
})
export class MemberModule {}
