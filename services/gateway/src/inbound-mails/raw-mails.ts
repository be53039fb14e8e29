import { MAIL_INGRESS_RAW_PATH, MailIngressPatterns, Principal } from '@helpdesk/contracts';
import { MailIngressClient } from '@helpdesk/messaging';
import type { IncomingMessage } from 'node:http';

import { InternalHttpClient } from '../transfers/internal-http-client';

/** The raw source of an inbound mail: a grant over RPC (mail-ingress checks who may), then its bytes. */
export class RawMails {
  constructor(
    private readonly mailIngress: MailIngressClient,
    private readonly port: InternalHttpClient,
  ) {}

  /**
   * The length is mail-ingress's to say, not the grant's: the download is the source with reply
   * tokens redacted, shorter than what is stored.
   */
  async download(principal: Principal, id: number): Promise<{ length: string | undefined; body: IncomingMessage }> {
    const grant = await this.mailIngress.send(MailIngressPatterns.GrantRaw, { principal, id });
    const body = await this.port.download(`${MAIL_INGRESS_RAW_PATH}/${id}`, grant.token);
    return { length: body.headers['content-length'], body };
  }
}
