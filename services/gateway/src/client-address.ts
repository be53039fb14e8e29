/**
 * Fastify's `trustProxy` for `hops` proxies in front of the gateway: the client is the address
 * the outermost of them saw, counted from the right of X-Forwarded-For, so whatever a client
 * writes into the header itself (its left end) is never taken. 0: the socket's address.
 */
export function trustedProxyHops(hops: number): false | ((address: string, hop: number) => boolean) {
  return hops === 0 ? false : (_address, hop) => hop < hops;
}
