import { SenderEvidence } from '@helpdesk/contracts';
import { testDkimKey, TestDnsZone } from '@helpdesk/testing';
import { authenticate, dkimSign, DNSResolver } from 'mailauth';

import { parseAuthenticationResults } from './authentication-results';
import { dnsResolver } from './dns-resolver';
import { authenticationFailed, verdictOfChecks, verdictOfHeaders } from './sender-verdict';

const message = (from: string) =>
  [`From: Casey <${from}>`, 'To: reply@helpdesk.test', 'Subject: Re: [#1042] Invoice', '', 'Thanks!', ''].join('\r\n');

describe('sender authentication (mailauth against a local zone)', () => {
  const key = testDkimKey();
  let zone: TestDnsZone;

  beforeAll(async () => {
    zone = await TestDnsZone.start();
    zone.setTxt('s1._domainkey.client.test', [key.record]);
    zone.setTxt('client.test', ['v=spf1 ip4:192.0.2.10 -all']);
    zone.setTxt('_dmarc.client.test', ['v=DMARC1; p=reject']);
  });
  afterAll(() => zone.stop());

  const signed = async (raw: string, domain = 'client.test') => {
    const signer = { signingDomain: domain, selector: 's1', privateKey: key.privateKey };
    const { signatures } = await dkimSign(raw, { ...signer, signatureData: [signer] });
    return signatures + raw;
  };
  const check = async (raw: string, sender: string, ip: string, resolver: DNSResolver = zone.resolve) =>
    verdictOfChecks(
      await authenticate(raw, { sender, ip, helo: 'mx.client.test', resolver, disableArc: true, disableBimi: true }),
      'client.test',
    );

  it('passes aligned a DKIM-signed mail of the From domain, whatever server relayed it', async () => {
    const verdict = await check(await signed(message('casey@client.test')), 'bounce@lists.test', '203.0.113.5');
    expect(verdict).toEqual({
      evidence: SenderEvidence.Verified,
      dkim: 'pass',
      spf: 'none',
      dmarc: 'pass',
      domain: 'client.test',
      aligned: true,
      authservId: null,
    });
  });

  it("passes aligned an unsigned mail from the domain's own SPF-listed server", async () => {
    await expect(check(message('casey@client.test'), 'casey@client.test', '192.0.2.10')).resolves.toMatchObject({
      spf: 'pass',
      dmarc: 'pass',
      aligned: true,
    });
  });

  it('fails a forged From:, and a signature broken in transit (DMARC fail)', async () => {
    const forged = await check(message('casey@client.test'), 'bounce@attacker.example', '198.51.100.7');
    expect(forged).toMatchObject({ dkim: 'none', dmarc: 'fail', aligned: false });
    expect(authenticationFailed(forged)).toBe(true);
    const altered = (await signed(message('casey@client.test'))).replace('Thanks!', 'Confirm your card!');
    const broken = await check(altered, 'casey@client.test', '198.51.100.7');
    // mailauth calls a body that no longer matches its signature "neutral"; DMARC fails it.
    expect(broken).toMatchObject({ dkim: 'neutral', dmarc: 'fail', aligned: false });
    expect(authenticationFailed(broken)).toBe(true);
  });

  it('does not align a valid signature of another domain', async () => {
    zone.setTxt('s1._domainkey.attacker.example', [key.record]);
    const verdict = await check(await signed(message('casey@client.test'), 'attacker.example'), '', '198.51.100.7');
    expect(verdict).toMatchObject({ dkim: 'pass', dmarc: 'fail', aligned: false });
  });

  it('asks DNS through the servers it is given', async () => {
    const resolver = dnsResolver([zone.server], 2_000);
    await expect(resolver('_dmarc.client.test', 'TXT')).resolves.toEqual([['v=DMARC1; p=reject']]);
    const verdict = await check(
      await signed(message('casey@client.test')),
      'casey@client.test',
      '198.51.100.7',
      resolver,
    );
    expect(verdict).toMatchObject({ dkim: 'pass', dmarc: 'pass', aligned: true });
  });
});

describe('Authentication-Results of trusted authserv-ids', () => {
  const headers = [
    'mx.corp.test; dkim=pass (good signature) header.d=client.test header.s=s1; spf=fail smtp.mailfrom=x@attacker.example; dmarc=pass header.from=client.test',
    'evil.example; dkim=pass header.d=client.test; dmarc=pass header.from=client.test',
  ].map((value) => parseAuthenticationResults(value)!);

  it('parses methods, results and properties, without comments', () => {
    expect(headers[0]).toEqual({
      authservId: 'mx.corp.test',
      results: [
        { method: 'dkim', result: 'pass', properties: { 'header.d': 'client.test', 'header.s': 's1' } },
        { method: 'spf', result: 'fail', properties: { 'smtp.mailfrom': 'x@attacker.example' } },
        { method: 'dmarc', result: 'pass', properties: { 'header.from': 'client.test' } },
      ],
    });
  });

  it("uses only a trusted MTA's header; without one nothing is verified", () => {
    expect(verdictOfHeaders(headers, ['mx.corp.test'], 'client.test')).toEqual({
      evidence: SenderEvidence.TrustedHeaders,
      dkim: 'pass',
      spf: 'fail',
      dmarc: 'pass',
      domain: 'client.test',
      aligned: true,
      authservId: 'mx.corp.test',
    });
    expect(verdictOfHeaders(headers.slice(1), ['mx.corp.test'], 'client.test')).toMatchObject({
      evidence: SenderEvidence.None,
      aligned: false,
      authservId: null,
    });
  });

  it('does not align a pass for another domain than From:', () => {
    expect(verdictOfHeaders(headers, ['mx.corp.test'], 'bank.test')).toMatchObject({ aligned: false });
  });
});
