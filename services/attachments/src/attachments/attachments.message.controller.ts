import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AttachmentPatterns,
  AttachmentView,
  ByIdPayload,
  ClaimAttachmentsPayload,
  DownloadGrant,
  GrantUploadPayload,
  ImportAttachmentPayload,
  RemoveUnlinkedPayload,
  RemoveUnlinkedResult,
  UploadGrant,
} from '@helpdesk/contracts';

import { AttachmentsService } from './attachments.service';

@Controller()
export class AttachmentsMessageController {
  constructor(private readonly attachments: AttachmentsService) {}

  @MessagePattern(AttachmentPatterns.GrantUpload)
  grantUpload(@Payload() { principal }: GrantUploadPayload): UploadGrant {
    return this.attachments.grantUpload(principal);
  }

  @MessagePattern(AttachmentPatterns.GrantDownload)
  grantDownload(@Payload() { principal, id }: ByIdPayload): Promise<DownloadGrant> {
    return this.attachments.grantDownload(principal, id);
  }

  @MessagePattern(AttachmentPatterns.Claim)
  claim(@Payload() { principal, attachmentIds }: ClaimAttachmentsPayload): Promise<AttachmentView[]> {
    return this.attachments.claim(principal, attachmentIds);
  }

  @MessagePattern(AttachmentPatterns.Import)
  import(@Payload() { principal, ...source }: ImportAttachmentPayload): Promise<AttachmentView> {
    return this.attachments.import(principal, source);
  }

  @MessagePattern(AttachmentPatterns.RemoveUnlinked)
  removeUnlinked(@Payload() { olderThanMs }: RemoveUnlinkedPayload): Promise<RemoveUnlinkedResult> {
    return this.attachments.removeUnlinked(olderThanMs);
  }
}
