import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ApiScope,
  InboundMailView,
  ListInboundMailsQuery,
  MailIngressPatterns,
  Page,
  Principal,
} from '@helpdesk/contracts';
import { MailIngressClient } from '@helpdesk/messaging';
import type { FastifyReply } from 'fastify';

import { CurrentPrincipal, TokenScope } from '../auth/auth.decorators';
import { idParam } from '../common-params';
import { RawMails } from './raw-mails';

@ApiTags('inbound mail')
@ApiBearerAuth()
@TokenScope(ApiScope.TicketsRead)
@Controller('inbound-mails')
export class InboundMailsHttpController {
  constructor(
    private readonly mailIngress: MailIngressClient,
    private readonly rawMails: RawMails,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Inbound emails and what became of them: added to a ticket, ignored (auto-reply, …), refused, failed (staff)',
    description: 'Admins see every mail; other staff the mails of tickets of their departments, without refusals.',
  })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListInboundMailsQuery,
  ): Promise<Page<InboundMailView>> {
    return this.mailIngress.send(MailIngressPatterns.List, { principal, ...query });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One inbound email: envelope, how it was matched, its outcome and reason (staff)' })
  get(@CurrentPrincipal() principal: Principal, @Param('id', idParam) id: number): Promise<InboundMailView> {
    return this.mailIngress.send(MailIngressPatterns.Get, { principal, id });
  }

  @Post(':id/release')
  @TokenScope(ApiScope.TicketsWrite)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Posts a held email (its sender could not be verified) as its client: a ticket or a reply (staff)',
    description: 'Answers 409 INBOUND_MAIL_NOT_HELD when the mail is not held (e.g. already released).',
  })
  release(@CurrentPrincipal() principal: Principal, @Param('id', idParam) id: number): Promise<InboundMailView> {
    return this.mailIngress.send(MailIngressPatterns.Release, { principal, id });
  }

  @Get(':id/raw')
  @ApiProduces('message/rfc822')
  @ApiOperation({
    summary: 'The raw source of an inbound email, as received with reply tokens masked (staff; a download)',
  })
  async raw(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idParam) id: number,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { length, body } = await this.rawMails.download(principal, id);
    await reply
      .headers({
        'content-type': 'message/rfc822',
        ...(length ? { 'content-length': length } : {}),
        'content-disposition': `attachment; filename="inbound-mail-${id}.eml"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      })
      .send(body);
  }
}
