import Fastify from 'fastify';

import { trustedProxyHops } from './client-address';

/** The address Fastify reports for a request from `peer` carrying `forwardedFor`. */
async function clientAddress(hops: number, peer: string, forwardedFor?: string): Promise<string> {
  const app = Fastify({ trustProxy: trustedProxyHops(hops) });
  app.get('/', (request) => ({ ip: request.ip }));
  const response = await app.inject({
    url: '/',
    remoteAddress: peer,
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  });
  await app.close();
  return response.json<{ ip: string }>().ip;
}

describe(trustedProxyHops.name, () => {
  it.each([
    [0, '10.0.0.9', '203.0.113.7', '10.0.0.9'],
    [1, '10.0.0.9', undefined, '10.0.0.9'],
    [1, '10.0.0.9', '203.0.113.7', '203.0.113.7'],
    [1, '10.0.0.9', '198.51.100.1, 203.0.113.7', '203.0.113.7'],
    [2, '10.0.0.9', '198.51.100.1, 203.0.113.7, 10.0.0.8', '203.0.113.7'],
    [2, '10.0.0.9', 'forged, 198.51.100.1, 203.0.113.7, 10.0.0.8', '203.0.113.7'],
  ])('with %i hops, from %s forwarding %p, the client is %s', async (hops, peer, forwardedFor, expected) => {
    await expect(clientAddress(hops, peer, forwardedFor)).resolves.toBe(expected);
  });
});
