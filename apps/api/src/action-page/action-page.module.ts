/**
 * Action-page module: the public pages of actions (GET/POST /a/:slug and the thank-you page), server-rendered HTML
 * with signed member tokens and single-use form nonces, consent capture and create-or-match of members; responses go
 * through ActionResponseService (ActionModule) and donations through DonationCheckoutService (DonationModule).
 * Must never: need a signed-in user, run anything outside the action's organisation once the slug is known, or keep a
 * client's IP address (only its keyed hash). See docs/action-pages.md.
 */
import { Module } from '@nestjs/common';
import { ActionModule } from '../action/action.module.js';
import { ActionResponseService } from '../action/action-response.service.js';
import { DonationCheckoutService } from '../donation/donation-checkout.service.js';
import { DonationModule } from '../donation/donation.module.js';
import { MemberRepository } from '../member/member.repository.js';
import { ActionPageController } from './action-page.controller.js';
import { DONATION_CHECKOUT, RESPONSE_RECORDER } from './action-page.ports.js';
import { ActionPageRepository } from './action-page.repository.js';
import { ActionPageService } from './action-page.service.js';

@Module({
  imports: [ActionModule, DonationModule],
  controllers: [ActionPageController],
  providers: [
    ActionPageRepository,
    // The member module's own repository (its normalised insert and phone/email lists), not a copy of its SQL.
    MemberRepository,
    ActionPageService,
    { provide: RESPONSE_RECORDER, useExisting: ActionResponseService },
    { provide: DONATION_CHECKOUT, useExisting: DonationCheckoutService },
  ],
  exports: [ActionPageService],
})
export class ActionPageModule {}
