import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiScope,
  CreateMailboxBody,
  MailboxStatusView,
  MailboxTestResult,
  MailboxView,
  MailIngressPatterns,
  Principal,
  UpdateMailboxBody,
} from '@helpdesk/contracts';
import { MailIngressClient } from '@helpdesk/messaging';

import { CurrentPrincipal, TokenScope } from '../auth/auth.decorators';
import { idParam } from '../common-params';

/** Create, update and test wait for the IMAP server (10 s to connect, then the login and folders). */
const WITH_IMAP_SERVER = { timeoutMs: 30_000 };

@ApiTags('admin')
@ApiBearerAuth()
@TokenScope(ApiScope.Admin)
@Controller('admin/mailboxes')
export class MailboxesHttpController {
  constructor(private readonly mailIngress: MailIngressClient) {}

  @Post()
  @ApiOperation({
    summary: "Fetch a department's mail from an IMAP mailbox; the connection is tested first (admins)",
  })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateMailboxBody): Promise<MailboxView> {
    return this.mailIngress.send(MailIngressPatterns.CreateMailbox, { principal, ...body }, WITH_IMAP_SERVER);
  }

  @Get()
  @ApiOperation({ summary: 'Every mailbox (admins); passwords are never returned' })
  list(@CurrentPrincipal() principal: Principal): Promise<MailboxView[]> {
    return this.mailIngress.send(MailIngressPatterns.ListMailboxes, { principal });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One mailbox (admins)' })
  get(@CurrentPrincipal() principal: Principal, @Param('id', idParam) id: number): Promise<MailboxView> {
    return this.mailIngress.send(MailIngressPatterns.GetMailbox, { principal, id });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a mailbox; new connection settings are tested before they are saved (admins)' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idParam) id: number,
    @Body() body: UpdateMailboxBody,
  ): Promise<MailboxView> {
    return this.mailIngress.send(MailIngressPatterns.UpdateMailbox, { principal, id, ...body }, WITH_IMAP_SERVER);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Stop fetching and remove the mailbox; mail already taken stays (admins)' })
  delete(@CurrentPrincipal() principal: Principal, @Param('id', idParam) id: number): Promise<{ deleted: true }> {
    return this.mailIngress.send(MailIngressPatterns.DeleteMailbox, { principal, id });
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Connect, list the folders and count unseen messages; changes nothing (admins)' })
  test(@CurrentPrincipal() principal: Principal, @Param('id', idParam) id: number): Promise<MailboxTestResult> {
    return this.mailIngress.send(MailIngressPatterns.TestMailbox, { principal, id }, WITH_IMAP_SERVER);
  }

  @Get(':id/status')
  @ApiOperation({ summary: 'connected, idle, failing or paused; the last message and error; the backlog (admins)' })
  status(@CurrentPrincipal() principal: Principal, @Param('id', idParam) id: number): Promise<MailboxStatusView> {
    return this.mailIngress.send(MailIngressPatterns.MailboxStatus, { principal, id });
  }
}
