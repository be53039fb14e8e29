import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
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
import { RpcHandler } from '@helpdesk/messaging';

import { AttachmentsService } from './attachments.service';

@Controller()
export class AttachmentsMessageController {
  constructor(private readonly attachments: AttachmentsService) {}

  @RpcHandler(AttachmentPatterns.GrantUpload)
  grantUpload(@Payload() { principal }: GrantUploadPayload): UploadGrant {
    return this.attachments.grantUpload(principal);
  }

  @RpcHandler(AttachmentPatterns.GrantDownload)
  grantDownload(@Payload() { principal, id }: ByIdPayload): Promise<DownloadGrant> {
    return this.attachments.grantDownload(principal, id);
  }

  @RpcHandler(AttachmentPatterns.Claim)
  claim(@Payload() { principal, attachmentIds }: ClaimAttachmentsPayload): Promise<AttachmentView[]> {
    return this.attachments.claim(principal, attachmentIds);
  }

  @RpcHandler(AttachmentPatterns.Import)
  import(@Payload() { principal, ...source }: ImportAttachmentPayload): Promise<AttachmentView> {
    return this.attachments.import(principal, source);
  }

  @RpcHandler(AttachmentPatterns.RemoveUnlinked)
  removeUnlinked(@Payload() { olderThanMs }: RemoveUnlinkedPayload): Promise<RemoveUnlinkedResult> {
    return this.attachments.removeUnlinked(olderThanMs);
  }
}
