import { dkimSign } from 'mailauth';

import { expectEventually } from './expect-eventually';
import { uniqueName } from './responses';
import { SmtpDialogue } from './smtp-dialogue';

/** Until an SMTP listener greets with 220 (a service started in the background). */
export async function waitForSmtp(port: number): Promise<void> {
  await expectEventually(
    async () => {
      const { dialogue, greeting } = await SmtpDialogue.open(port);
      await dialogue.quit();
      if (greeting.code !== 220) {
        throw new Error(`SMTP on port ${port} greeted with ${greeting.code}`);
      }
    },
    60_000,
    250,
  );
}

/** A plain text mail with a unique Message-ID and a Date, then `headers`, then `body`. */
export function rawMail(headers: Record<string, string>, body: string): string {
  const all = { 'Message-ID': `<${uniqueName('m')}@mail.test>`, Date: new Date().toUTCString(), ...headers };
  return (
    Object.entries(all)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\r\n') + `\r\n\r\n${body}\r\n`
  );
}

/** `raw` as the sender's provider sends it: DKIM-signed by `domain` (selector s1, testDkimKey's key). */
export async function dkimSigned(raw: string, privateKey: string, domain: string): Promise<string> {
  const signer = { signingDomain: domain, selector: 's1', privateKey };
  return (await dkimSign(raw, { ...signer, signatureData: [signer] })).signatures + raw;
}
