import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/*
 * Loopback, private, link-local and otherwise non-public ranges: no webhook may reach them. One
 * list per family: a BlockList matches IPv4 addresses against IPv4-mapped IPv6 ranges too.
 */
const NON_PUBLIC_V4 = new BlockList();
const NON_PUBLIC_V6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NON_PUBLIC_V4.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NON_PUBLIC_V6.addSubnet(network, prefix, 'ipv6');
}

export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) {
    return isPublicAddress(mapped[1]);
  }
  switch (isIP(address)) {
    case 4:
      return !NON_PUBLIC_V4.check(address, 'ipv4');
    case 6:
      return !NON_PUBLIC_V6.check(address, 'ipv6');
    default:
      return false;
  }
}

export interface ResolvedTarget {
  /** The address to connect to: the one checked, so a second DNS answer cannot swap it. */
  address: string;
  family: 4 | 6;
}

export type TargetCheck =
  { ok: true; target: ResolvedTarget } | { ok: false; problem: 'unresolved' | 'forbidden'; reason: string };

/**
 * Resolves the URL's host and refuses it when any of its addresses is not public (unless
 * `allowPrivate`): a host with one public and one private address could otherwise be steered.
 */
export async function resolveTarget(url: URL, allowPrivate: boolean): Promise<TargetCheck> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: { address: string; family: number }[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true });
  } catch {
    return { ok: false, problem: 'unresolved', reason: `the host '${host}' does not resolve` };
  }
  if (addresses.length === 0) {
    return { ok: false, problem: 'unresolved', reason: `the host '${host}' does not resolve` };
  }
  const refused = addresses.find(({ address }) => !isPublicAddress(address));
  if (refused && !allowPrivate) {
    return {
      ok: false,
      problem: 'forbidden',
      reason: `'${host}' resolves to ${refused.address}, a loopback, private or link-local address`,
    };
  }
  const [first] = addresses;
  return { ok: true, target: { address: first.address, family: first.family === 6 ? 6 : 4 } };
}
