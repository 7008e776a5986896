/**
 * GET /a/:slug, POST /a/:slug, GET /a/:slug/thanks: the public action pages (docs/action-pages.md). No sign-in: the
 * slug names the action; the service runs everything in its organisation. HTML in and out only.
 * Must never: decide anything itself (ActionPageService does), or answer with the API's JSON error shape (a person
 * reads these pages: errors are pages too, and an unexpected one says so plainly with the request id).
 */
import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageCsp, renderMessagePage } from './action-page.render.js';
import { ActionPageService, type PageResult } from './action-page.service.js';
import { LinkSecretMissingError } from './action-page.token.js';

function single(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

@Controller('a')
export class ActionPageController {
  constructor(private readonly service: ActionPageService) {}

  @Get(':slug')
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = (request.query ?? {}) as Record<string, unknown>;
    await this.answer(request, reply, () => this.service.show(this.slug(request), { t: single(query.t), l: single(query.l) }));
  }

  @Get(':slug/thanks')
  async thanks(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.answer(request, reply, () => this.service.thanks(this.slug(request)));
  }

  @Post(':slug')
  async submit(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.answer(request, reply, () => this.service.submit(this.slug(request), request.body, request.ip));
  }

  private slug(request: FastifyRequest): string {
    return String((request.params as Record<string, unknown>).slug ?? '');
  }

  private async answer(request: FastifyRequest, reply: FastifyReply, fn: () => Promise<PageResult>): Promise<void> {
    let result: PageResult;
    try {
      result = await fn();
    } catch (error) {
      if (error instanceof LinkSecretMissingError) {
        result = { kind: 'html', status: 503, csp: pageCsp(false), html: renderMessagePage('Not available', 'This page is not available right now. Please try again later.') };
        void reply.code(503).header('content-type', 'text/html; charset=utf-8').header('content-security-policy', result.csp).send(result.html);
        return;
      }
      request.log.error({ err: error, requestId: request.id }, 'action page failed');
      result = {
        kind: 'html', status: 500, csp: pageCsp(false),
        html: renderMessagePage('Something went wrong', `Sorry, something went wrong on our side and nothing was saved. Please try again. (Reference ${request.id})`),
      };
    }
    if (result.kind === 'redirect') {
      // 303: after a POST the browser follows with a GET, so a refresh never sends the form again.
      void reply.code(303).header('location', result.location).send();
      return;
    }
    if (result.retryAfterSeconds) void reply.header('retry-after', String(result.retryAfterSeconds));
    void reply.code(result.status).header('content-type', 'text/html; charset=utf-8').header('content-security-policy', result.csp).send(result.html);
  }
}
