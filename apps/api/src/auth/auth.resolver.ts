import { Args, Context, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { FastifyReply } from 'fastify';
import { PublicOperation, RequireCapability } from '../access/access.decorator.js';
import { requestMetaOf } from '../audit/audit.meta.js';
import { requestContextStorage } from '../common/request-context.js';
import { LoginPayloadObject, SessionObject, ViewerObject } from './auth.object.js';
import { AuthService } from './auth.service.js';
import { CSRF_COOKIE, SESSION_COOKIE, SESSION_MAX_MS, newCsrfToken, serializeCookie } from './auth.tokens.js';

interface GqlContext {
  reply?: FastifyReply;
}

function setCookies(context: GqlContext, session: string | null): void {
  const reply = context.reply;
  if (!reply) return;
  const secure = requestMetaOf(requestContextStorage.current()).secure;
  const maxAge = session ? Math.floor(SESSION_MAX_MS / 1000) : 0;
  void reply.header('set-cookie', [
    serializeCookie(SESSION_COOKIE, session ?? '', { httpOnly: true, secure, maxAgeSeconds: maxAge }),
    serializeCookie(CSRF_COOKIE, session ? newCsrfToken() : '', { httpOnly: false, secure, maxAgeSeconds: maxAge }),
  ]);
}

@Resolver(() => ViewerObject)
export class AuthResolver {
  constructor(private readonly service: AuthService) {}

  @Query(() => ViewerObject)
  @RequireCapability('session:self')
  viewer(): Promise<ViewerObject> {
    return this.service.viewer();
  }

  @ResolveField('capabilities', () => [String])
  capabilities(@Args('organisationId', { type: () => ID }) organisationId: string): string[] {
    return this.service.capabilities(organisationId);
  }

  @Query(() => [SessionObject])
  sessions(): Promise<SessionObject[]> {
    return this.service.sessions();
  }

  @Mutation(() => LoginPayloadObject)
  @PublicOperation()
  async login(
    @Args('email', { type: () => String }) email: string,
    @Args('password', { type: () => String }) password: string,
    @Context() context: GqlContext,
  ): Promise<LoginPayloadObject> {
    const payload = await this.service.login(email, password);
    setCookies(context, payload.token);
    return payload;
  }

  @Mutation(() => LoginPayloadObject)
  @PublicOperation()
  async acceptInvitation(
    @Args('token', { type: () => String }) token: string,
    @Args('name', { type: () => String }) name: string,
    @Args('password', { type: () => String }) password: string,
    @Context() context: GqlContext,
  ): Promise<LoginPayloadObject> {
    const payload = await this.service.acceptInvitation(token, name, password);
    setCookies(context, payload.token);
    return payload;
  }

  @Mutation(() => Boolean)
  async logout(@Context() context: GqlContext): Promise<boolean> {
    const done = await this.service.logout();
    setCookies(context, null);
    return done;
  }

  @Mutation(() => Int)
  async logoutEverywhere(@Context() context: GqlContext): Promise<number> {
    const n = await this.service.logoutEverywhere();
    setCookies(context, null);
    return n;
  }

  @Mutation(() => Boolean)
  revokeSession(@Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.service.revokeSession(id);
  }

  @Mutation(() => Boolean)
  changePassword(
    @Args('currentPassword', { type: () => String }) currentPassword: string,
    @Args('newPassword', { type: () => String }) newPassword: string,
  ): Promise<boolean> {
    return this.service.changePassword(currentPassword, newPassword);
  }
}
