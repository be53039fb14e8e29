import { Logger } from '@nestjs/common';
import { EmailKind, ErrorCode, PrincipalKind } from '@helpdesk/contracts';
import { UpstreamError } from '@helpdesk/messaging';

import { MailRelay } from './mail-relay';
import { OutgoingMail } from './outgoing-mail.entity';
import { OutgoingMailsRepository } from './outgoing-mails.repository';
import { RecipientCheck } from './recipient-check';
import { SmtpMailer } from './smtp-mailer';

const mailTo = (id: number, recipientKind: PrincipalKind): OutgoingMail =>
  Object.assign(new OutgoingMail(), {
    id,
    kind: recipientKind === PrincipalKind.Staff ? EmailKind.ClientReply : EmailKind.StaffReply,
    ticketId: 1042,
    departmentId: 3,
    recipientKind,
    recipientId: 8,
    attempts: 1,
    createdAt: new Date(),
  });

describe(MailRelay.name, () => {
  const toClient = mailTo(1, PrincipalKind.Client);
  const toStaff = mailTo(2, PrincipalKind.Staff);
  let mails: { claimDue: jest.Mock; markSent: jest.Mock; markRetry: jest.Mock; markSkipped: jest.Mock };
  let mailer: { send: jest.Mock };
  let recipients: { reasonsToSkip: jest.Mock };
  let relay: MailRelay;

  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  beforeEach(() => {
    mails = {
      claimDue: jest.fn().mockResolvedValueOnce([toClient, toStaff]).mockResolvedValue([]),
      markSent: jest.fn().mockResolvedValue(undefined),
      markRetry: jest.fn().mockResolvedValue(undefined),
      markSkipped: jest.fn().mockResolvedValue(undefined),
    };
    mailer = { send: jest.fn().mockResolvedValue('250 OK') };
    recipients = { reasonsToSkip: jest.fn() };
    relay = new MailRelay(
      {
        pollIntervalMs: 1_000,
        batchSize: 2,
        leaseMs: 60_000,
        retryBaseMs: 1_000,
        retryMaxMs: 10_000,
        giveUpAfterMs: 3_600_000,
      },
      mails as unknown as OutgoingMailsRepository,
      mailer as unknown as SmtpMailer,
      recipients as unknown as RecipientCheck,
    );
  });

  it('skips, with the reason, a mail whose staff recipient may no longer see the ticket', async () => {
    recipients.reasonsToSkip.mockResolvedValue(new Map([[toStaff, 'Alan was deactivated']]));
    await relay.sendDue();
    expect(mailer.send.mock.calls).toEqual([[toClient]]);
    expect(mails.markSent.mock.calls).toEqual([[1]]);
    expect(mails.markSkipped.mock.calls).toEqual([[2, 'Alan was deactivated']]);
  });

  it('keeps staff mail waiting while its recipients cannot be checked, and sends client mail', async () => {
    recipients.reasonsToSkip.mockRejectedValue(new UpstreamError(ErrorCode.ServiceTimeout, 'access did not answer'));
    await relay.sendDue();
    expect(mailer.send.mock.calls).toEqual([[toClient]]);
    expect(mails.markSent.mock.calls).toEqual([[1]]);
    expect(mails.markSkipped).not.toHaveBeenCalled();
    expect(mails.markRetry).toHaveBeenCalledWith(2, expect.stringContaining('access did not answer'), expect.any(Date));
  });
});
