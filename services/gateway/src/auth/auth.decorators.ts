import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiScope, ParticipantVia, Principal, ResolvePrincipalPayload } from '@helpdesk/contracts';

export const IS_PUBLIC = 'isPublic';
export const TOKEN_SCOPE = 'tokenScope';
export const QUERY_TOKEN = 'queryToken';

/** For `TokenScope`: any API token may call the route, whatever its scopes (who am I, ping). */
export const ANY_SCOPE = 'any';

/** The route needs no access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The scope an API token needs to call the route (on a controller: all its routes, unless a
 * route says otherwise). A route without one refuses API tokens: only a signed-in session may
 * call it.
 */
export const TokenScope = (scope: ApiScope | typeof ANY_SCOPE) => SetMetadata(TOKEN_SCOPE, scope);

/**
 * The route also takes the sign-in token as `?access_token=`: for the event stream only, since a
 * browser's EventSource cannot send an Authorization header. Anywhere else a token in the address
 * would end up in proxies' logs and browser history for nothing.
 */
export const AcceptsQueryToken = () => SetMetadata(QUERY_TOKEN, true);

/** The principal the auth guard resolved for this request. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ principal: Principal }>().principal,
);

/** How the request came: through an API token (`api`) or the web app's sign-in (`web`). */
export const RequestVia = createParamDecorator((_: unknown, context: ExecutionContext): ParticipantVia =>
  context.switchToHttp().getRequest<{ viaApiToken?: boolean }>().viaApiToken ? ParticipantVia.Api : ParticipantVia.Web,
);

/** Who signed in, as the token says (sign-in tokens only): what a long request resolves again to stay current. */
export const SignedInSubject = createParamDecorator(
  (_: unknown, context: ExecutionContext): Required<ResolvePrincipalPayload> | undefined =>
    context.switchToHttp().getRequest<{ subject?: Required<ResolvePrincipalPayload> }>().subject,
);
