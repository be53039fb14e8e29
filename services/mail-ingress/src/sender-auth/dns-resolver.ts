import type { DNSResolver } from 'mailauth';
import { promises as dns } from 'node:dns';

/** Answers sender authentication's DNS questions from the given servers (`host` or `host:port`), or the system's. */
export function dnsResolver(servers: readonly string[], timeoutMs: number): DNSResolver {
  const resolver = new dns.Resolver({ timeout: timeoutMs, tries: 2 });
  if (servers.length > 0) {
    resolver.setServers([...servers]);
  }
  return (name, type) => resolver.resolve(name, type) as Promise<string[][] | string[]>;
}
