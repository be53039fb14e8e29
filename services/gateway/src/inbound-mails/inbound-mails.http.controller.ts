import { Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ErrorCode,
  InboundMailView,
  isRpcErrorEnvelope,
  ListInboundMailsQuery,
  MAIL_INGRESS_RAW_PATH,
  MailIngressPatterns,
  Page,
  Principal,
} from '@helpdesk/contracts';
import { MailIngressClient, UpstreamError } from '@helpdesk/messaging';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

import { CurrentPrincipal } from '../auth/auth.decorators';
import { idParam } from '../common-params';

export const INBOUND_MAIL_OPTIONS = Symbol('INBOUND_MAIL_OPTIONS');
export interface InboundMailOptions {
  /** MAIL_INGRESS_URL: mail-ingress's internal HTTP port, where raw messages are read with a grant. */
  url: string;
}

@ApiTags('inbound mail')
@ApiBearerAuth()
@Controller('inbound-mails')
export class InboundMailsHttpController {
  constructor(
    private readonly mailIngress: MailIngressClient,
    @Inject(INBOUND_MAIL_OPTIONS) private readonly options: InboundMailOptions,
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
    const grant = await this.mailIngress.send(MailIngressPatterns.GrantRaw, { principal, id });
    let response: Response;
    try {
      response = await fetch(new URL(`${MAIL_INGRESS_RAW_PATH}/${id}`, this.options.url), {
        headers: { authorization: `Bearer ${grant.token}` },
        signal: AbortSignal.timeout(30_000),
      });
    } catch {
      throw new UpstreamError(
        ErrorCode.ServiceUnavailable,
        'The mail-ingress service is unreachable; try again shortly.',
      );
    }
    if (response.status !== 200 || !response.body) {
      const body: unknown = await response.json().catch(() => undefined);
      throw isRpcErrorEnvelope(body)
        ? new UpstreamError(body.code, body.message)
        : new UpstreamError(
            response.status === 404 ? ErrorCode.InboundMailNotFound : ErrorCode.StorageUnavailable,
            response.status === 404
              ? `Inbound mail ${id} has no stored source.`
              : 'The raw message cannot be read now; try again shortly.',
          );
    }
    await reply
      .headers({
        'content-type': 'message/rfc822',
        'content-length': String(grant.size),
        'content-disposition': `attachment; filename="inbound-mail-${id}.eml"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      })
      .send(Readable.fromWeb(response.body as unknown as WebReadableStream));
  }
}
