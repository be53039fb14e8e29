import { Injectable } from '@nestjs/common';
import { AccessPatterns, StaffRole, systemPrincipal } from '@helpdesk/contracts';
import { AccessClient } from '@helpdesk/messaging';

import { SmtpMailer } from './smtp-mailer';

/**
 * Mails every active administrator at once, outside the ticket mail log: the service alerts (a
 * webhook turned off, a mailbox failing). An SMTP failure fails the caller's event, which its
 * consumer retries, so an admin may get a notice twice, never zero times.
 */
@Injectable()
export class AdminMailer {
  constructor(
    private readonly access: AccessClient,
    private readonly mailer: SmtpMailer,
  ) {}

  /** Answers how many administrators were mailed. */
  async mailAdmins(subject: string, text: string[]): Promise<number> {
    const staff = await this.access.send(AccessPatterns.ListStaff, { principal: systemPrincipal('notifications') });
    const admins = staff.filter((member) => member.active && member.role === StaffRole.Admin);
    await Promise.all(
      admins.map((admin) =>
        this.mailer.sendNotice({
          to: { name: admin.name, address: admin.email },
          subject,
          text: [`Hello ${admin.name},`, '', ...text].join('\n'),
        }),
      ),
    );
    return admins.length;
  }
}
