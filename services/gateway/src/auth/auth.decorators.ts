import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Principal } from '@helpdesk/contracts';

export const IS_PUBLIC = 'isPublic';

/** The route needs no access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The principal the auth guard resolved for this request. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ principal: Principal }>().principal,
);
