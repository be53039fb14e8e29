import { Inject, Injectable, Logger } from '@nestjs/common';
import { SenderVerdict } from '@helpdesk/contracts';
import { authenticate, DNSResolver } from 'mailauth';

import { HeaderSummary } from '../mail/header-summary';
import { Envelope } from '../mail/mail-types';
import { RawMailStore, StoredRaw } from '../storage/raw-mail-store';
import { parseAuthenticationResults } from './authentication-results';
import { unreadableVerdict, verdictOfChecks, verdictOfHeaders } from './sender-verdict';

/** SENDER_AUTH: whose evidence says who a mail is from. */
export enum SenderAuthMode {
  /** mail-ingress is the MX: it checks DKIM, SPF and DMARC itself. */
  Verify = 'verify',
  /** Behind the organisation's MTA: its Authentication-Results (TRUSTED_AUTHSERV_IDS) decide. */
  TrustedHeaders = 'trusted-headers',
}

export const SENDER_AUTH_OPTIONS = Symbol('SENDER_AUTH_OPTIONS');
export interface SenderAuthOptions {
  mode: SenderAuthMode;
  /** Lower-case authserv-ids whose Authentication-Results headers are believed. */
  trustedAuthservIds: string[];
  /** Where DNS questions go (SENDER_AUTH_DNS_SERVERS, or the system's). */
  resolver: DNSResolver;
  /** Our host name, as the receiver named in the checks. */
  hostname: string;
}

/** Sender authentication of a stored message: mailauth on the raw bytes, or the trusted MTA's headers. */
@Injectable()
export class SenderAuthenticator {
  private readonly logger = new Logger(SenderAuthenticator.name);

  constructor(
    @Inject(SENDER_AUTH_OPTIONS) private readonly options: SenderAuthOptions,
    private readonly store: RawMailStore,
  ) {}

  async verdictOf(message: StoredRaw, envelope: Envelope, headers: HeaderSummary): Promise<SenderVerdict> {
    const fromDomain = headers.from?.split('@').pop() ?? null;
    if (this.options.mode === SenderAuthMode.TrustedHeaders) {
      const parsed = headers.authenticationResults.flatMap((value) => parseAuthenticationResults(value) ?? []);
      return verdictOfHeaders(parsed, this.options.trustedAuthservIds, fromDomain);
    }
    // A small message is checked from memory; a large one read back as a stream from S3.
    const raw = message.inline ?? (await this.store.open(message.key));
    if (!raw) {
      throw new Error(`The stored message '${message.key}' could not be read back`);
    }
    try {
      const result = await authenticate(raw, {
        sender: envelope.from,
        ip: envelope.remoteAddress?.replace(/^::ffff:/, '') ?? undefined,
        helo: envelope.helo ?? undefined,
        mta: this.options.hostname,
        resolver: this.options.resolver,
        disableArc: true,
        disableBimi: true,
      });
      return verdictOfChecks(result, fromDomain);
    } catch (error) {
      // A message mailauth cannot read verifies nothing; what becomes of it is the routing rules' call.
      this.logger.warn(`Sender authentication could not check '${message.key}': ${(error as Error).message}`);
      return unreadableVerdict(fromDomain);
    } finally {
      if (!Buffer.isBuffer(raw)) {
        raw.destroy();
      }
    }
  }
}
