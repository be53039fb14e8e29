import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiScope, NotificationPatterns, Principal, TicketEmailView } from '@helpdesk/contracts';
import { NotificationsClient } from '@helpdesk/messaging';

import { CurrentPrincipal, TokenScope } from '../auth/auth.decorators';
import { idParam } from '../common-params';

@ApiTags('tickets')
@ApiBearerAuth()
@TokenScope(ApiScope.TicketsRead)
@Controller('tickets')
export class TicketEmailsHttpController {
  constructor(private readonly notifications: NotificationsClient) {}

  @Get(':id/emails')
  @ApiOperation({ summary: 'The notification mails of a ticket: to whom, when, and whether they went out (staff)' })
  list(@CurrentPrincipal() principal: Principal, @Param('id', idParam) ticketId: number): Promise<TicketEmailView[]> {
    return this.notifications.send(NotificationPatterns.ListTicketEmails, { principal, ticketId });
  }
}
