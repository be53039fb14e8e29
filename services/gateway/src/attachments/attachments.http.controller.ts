import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiScope,
  ALLOWED_ATTACHMENT_KINDS_TEXT,
  AttachmentView,
  DomainError,
  ErrorCode,
  Principal,
  QuotaKind,
} from '@helpdesk/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { CurrentPrincipal, TokenScope } from '../auth/auth.decorators';
import { UsesQuota } from '../auth/quota.guard';
import { AttachmentTransfers, UploadSource } from './attachment-transfers';
import { idParam } from '../common-params';
import { attachmentDisposition } from './content-disposition';

@ApiTags('attachments')
@ApiBearerAuth()
@Controller('attachments')
export class AttachmentsHttpController {
  constructor(private readonly transfers: AttachmentTransfers) {}

  @Post()
  @TokenScope(ApiScope.TicketsWrite)
  @UsesQuota(QuotaKind.Uploads)
  @ApiOperation({
    summary: 'Upload files (then pass their ids as attachmentIds of a new ticket, reply or note)',
    description: `Allowed: ${ALLOWED_ATTACHMENT_KINDS_TEXT}, decided from the bytes. 413 over the limits, 415 for other kinds.`,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } } } },
  })
  upload(@CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest): Promise<AttachmentView[]> {
    return this.transfers.upload(principal, multipartBody(request));
  }

  @Get(':id')
  @TokenScope(ApiScope.TicketsRead)
  @ApiOperation({ summary: 'Download a file of a message you can see (404 for anyone else)' })
  async download(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idParam) id: number,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { attachment, body } = await this.transfers.download(principal, id);
    await reply
      .headers({
        'content-type': attachment.contentType,
        'content-length': String(attachment.size),
        'content-disposition': attachmentDisposition(attachment.filename),
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      })
      .send(body);
  }
}

/** The form, still unread (http-setup.ts leaves multipart bodies to be streamed on). */
function multipartBody(request: FastifyRequest): UploadSource {
  const contentType = request.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw new DomainError(ErrorCode.ValidationFailed, 'Send files as multipart/form-data, in parts named "file".');
  }
  return { body: request.raw, contentType, contentLength: request.headers['content-length'] };
}
