/** Where a request came from, remembered per request context for the audit log. */
import type { RequestContext } from '../common/request-context.js';

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  /** https: cookies get Secure. */
  secure: boolean;
}

const meta = new WeakMap<RequestContext, RequestMeta>();

export function setRequestMeta(ctx: RequestContext, value: RequestMeta): void {
  meta.set(ctx, value);
}

export function requestMetaOf(ctx: RequestContext | undefined): RequestMeta {
  return (ctx && meta.get(ctx)) ?? { ip: null, userAgent: null, secure: false };
}
