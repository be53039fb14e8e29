import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { API_SCOPES } from '@helpdesk/contracts';

import { GATEWAY_CONTROLLERS } from '../app.module';
import { ANY_SCOPE, IS_PUBLIC, TOKEN_SCOPE } from './auth.decorators';

/**
 * Routes only a signed-in session may call: an API token must not mint or list tokens; presence
 * and the event stream are the web console's.
 */
const SESSION_ONLY = [
  'POST me/tokens',
  'GET me/tokens',
  'DELETE me/tokens/:id',
  'PUT tickets/:id/presence',
  'DELETE tickets/:id/presence',
  'GET tickets/:id/presence',
  'GET events/stream',
];

function routes() {
  const reflector = new Reflector();
  return GATEWAY_CONTROLLERS.flatMap((controller) => {
    const base = String(reflector.get<string>(PATH_METADATA, controller) ?? '');
    return Object.getOwnPropertyNames(controller.prototype)
      .map((name) => Reflect.get(controller.prototype as object, name) as unknown)
      .filter((handler): handler is () => unknown => typeof handler === 'function')
      .filter((handler) => reflector.get<RequestMethod | undefined>(METHOD_METADATA, handler) !== undefined)
      .map((handler) => {
        const path = [base, String(reflector.get<string>(PATH_METADATA, handler))].filter((p) => p && p !== '/');
        return {
          route: `${RequestMethod[reflector.get<RequestMethod>(METHOD_METADATA, handler)]} ${path.join('/')}`,
          isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controller]) ?? false,
          scope: reflector.getAllAndOverride<string | undefined>(TOKEN_SCOPE, [handler, controller]),
        };
      });
  });
}

describe('API token scopes of the gateway routes', () => {
  it('maps every route to a scope, unless it is public or for signed-in sessions only', () => {
    const unmapped = routes()
      .filter((route) => !route.isPublic && route.scope === undefined)
      .map((route) => route.route);
    expect(unmapped.sort()).toEqual([...SESSION_ONLY].sort());
  });

  it('names only scopes that exist', () => {
    for (const { scope } of routes()) {
      expect([undefined, ANY_SCOPE, ...API_SCOPES]).toContain(scope);
    }
  });

  it.each([
    ['GET tickets', 'tickets:read'],
    ['POST tickets', 'tickets:write'],
    ['POST tickets/:id/replies', 'tickets:write'],
    ['GET clients', 'clients:read'],
    ['POST clients', 'clients:write'],
    ['POST departments', 'admin'],
    ['GET admin/webhooks', 'admin'],
    ['DELETE admin/tokens/:id', 'admin'],
    ['GET me', ANY_SCOPE],
  ])('%s needs %s', (route, scope) => {
    expect(routes().find((r) => r.route === route)?.scope).toBe(scope);
  });
});
