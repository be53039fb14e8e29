import { SenderEvidence, SenderVerdict } from '@helpdesk/contracts';
import type { AuthenticateResult } from 'mailauth';

import { AuthenticationResult, AuthenticationResults } from './authentication-results';

/** Authentication failed outright: DMARC failed, or DKIM failed with no signature that passed. */
export function authenticationFailed(verdict: SenderVerdict): boolean {
  return verdict.dmarc === 'fail' || verdict.dkim === 'fail';
}

/** The verdict of mailauth's own checks of the raw message. */
export function verdictOfChecks(result: AuthenticateResult, fromDomain: string | null): SenderVerdict {
  const signatures = result.dkim.results;
  const passed = signatures.filter((signature) => signature.status.result === 'pass');
  const dkim = summaryOf(signatures.map((signature) => signature.status.result));
  const spf = result.spf ? result.spf.status.result : 'none';
  const dmarc = result.dmarc ? result.dmarc.status.result : 'none';
  const aligned =
    dmarc === 'pass' ||
    passed.some((signature) => Boolean(signature.status.aligned)) ||
    (spf === 'pass' && result.spf !== false && alignedDomains(result.spf.domain, fromDomain));
  return { evidence: SenderEvidence.Verified, dkim, spf, dmarc, domain: fromDomain, aligned, authservId: null };
}

/** The verdict of a message the checks could not read: nothing passed, nothing failed. */
export function unreadableVerdict(fromDomain: string | null): SenderVerdict {
  return {
    evidence: SenderEvidence.Verified,
    dkim: 'permerror',
    spf: 'permerror',
    dmarc: 'permerror',
    domain: fromDomain,
    aligned: false,
    authservId: null,
  };
}

/**
 * The verdict of the first Authentication-Results header written by one of the trusted
 * authserv-ids (the organisation's MTA adds its own on top); all others are ignored, since
 * anyone can write one.
 */
export function verdictOfHeaders(
  headers: AuthenticationResults[],
  trustedIds: readonly string[],
  fromDomain: string | null,
): SenderVerdict {
  const trusted = headers.find((header) => trustedIds.includes(header.authservId));
  if (!trusted) {
    return {
      evidence: SenderEvidence.None,
      dkim: 'none',
      spf: 'none',
      dmarc: 'none',
      domain: fromDomain,
      aligned: false,
      authservId: null,
    };
  }
  const of = (method: string) => trusted.results.filter((result) => result.method === method);
  const dkims = of('dkim');
  const [spfResult] = of('spf');
  const [dmarcResult] = of('dmarc');
  const dkim = summaryOf(dkims.map((result) => result.result));
  const spf = spfResult?.result ?? 'none';
  const dmarc = dmarcResult?.result ?? 'none';
  const aligned =
    (dmarc === 'pass' && alignedDomains(dmarcResult.properties['header.from'], fromDomain)) ||
    dkims.some((result) => result.result === 'pass' && alignedDomains(result.properties['header.d'], fromDomain)) ||
    (spf === 'pass' && alignedDomains(domainOf(spfResult)?.toLowerCase(), fromDomain));
  return {
    evidence: SenderEvidence.TrustedHeaders,
    dkim,
    spf,
    dmarc,
    domain: fromDomain,
    aligned,
    authservId: trusted.authservId,
  };
}

/** `pass` if any passed, else `fail` if any failed, else the first result (`none` for none). */
function summaryOf(results: string[]): string {
  if (results.includes('pass')) {
    return 'pass';
  }
  return results.includes('fail') ? 'fail' : (results[0] ?? 'none');
}

/** Relaxed alignment: the same domain, or one a subdomain of the other. */
function alignedDomains(domain: string | undefined, fromDomain: string | null): boolean {
  if (!domain || !fromDomain) {
    return false;
  }
  const a = domain.toLowerCase();
  const b = fromDomain.toLowerCase();
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

function domainOf(spf: AuthenticationResult | undefined): string | undefined {
  const sender = spf?.properties['smtp.mailfrom'] ?? spf?.properties['smtp.helo'];
  return sender?.includes('@') ? sender.split('@').pop() : sender;
}
