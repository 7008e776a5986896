/**
 * GET /l/:code: a tracked link. Counts the click and answers 302 to the action's page with the link code and, for a
 * member's link, a freshly signed member token. Unknown codes get the 404 page. HEAD is answered without counting
 * (link previews). Must never: decide anything itself (TrackedLinkService does).
 */
import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageCsp, renderMessagePage, renderNotFoundPage } from '../action-page/action-page.render.js';
import { LinkSecretMissingError } from '../action-page/action-page.token.js';
import { TrackedLinkService } from './tracked-link.service.js';

@Controller('l')
export class TrackedLinkController {
  constructor(private readonly service: TrackedLinkService) {}

  @Get(':code')
  async follow(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const code = String((request.params as Record<string, unknown>).code ?? '');
    try {
      const result = await this.service.follow(code, request.ip, request.method !== 'HEAD');
      if (result.kind === 'redirect') {
        void reply.code(302).header('location', result.location).send();
        return;
      }
      void reply.code(404).header('content-type', 'text/html; charset=utf-8').header('content-security-policy', pageCsp(false)).send(renderNotFoundPage());
    } catch (error) {
      if (error instanceof LinkSecretMissingError) {
        void reply.code(503).header('content-type', 'text/html; charset=utf-8').header('content-security-policy', pageCsp(false))
          .send(renderMessagePage('Not available', 'This link is not available right now. Please try again later.'));
        return;
      }
      request.log.error({ err: error, requestId: request.id }, 'tracked link failed');
      void reply.code(500).header('content-type', 'text/html; charset=utf-8').header('content-security-policy', pageCsp(false))
        .send(renderMessagePage('Something went wrong', `Sorry, something went wrong on our side. Please try the link again. (Reference ${request.id})`));
    }
  }
}
