import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiScope, ParticipantVia, Principal } from '@helpdesk/contracts';

export const IS_PUBLIC = 'isPublic';
export const TOKEN_SCOPE = 'tokenScope';

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

/** The principal the auth guard resolved for this request. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ principal: Principal }>().principal,
);

/** How the request came: through an API token (`api`) or the web app's sign-in (`web`). */
export const RequestVia = createParamDecorator((_: unknown, context: ExecutionContext): ParticipantVia =>
  context.switchToHttp().getRequest<{ viaApiToken?: boolean }>().viaApiToken ? ParticipantVia.Api : ParticipantVia.Web,
);
