import { applyDecorators } from '@nestjs/common';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Min,
} from 'class-validator';

import { ApiFieldOptional } from '../common/api-docs';
import { PrincipalOnlyPayload, WithPrincipal } from '../common/with-principal';
import { MAX_ATTACHMENTS_PER_MESSAGE } from './attachment-kinds';

/** `attachmentIds` of a new ticket, reply or note: uploads of the sender's that no message has yet. */
export function AttachmentIdsProperty(): PropertyDecorator {
  return applyDecorators(
    ApiFieldOptional({
      type: [Number],
      maxItems: MAX_ATTACHMENTS_PER_MESSAGE,
      description: 'ids from POST /api/attachments, uploaded by you and not yet on a message',
    }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX_ATTACHMENTS_PER_MESSAGE),
    ArrayUnique(),
    IsInt({ each: true }),
    Min(1, { each: true }),
  );
}

export class AttachmentIds {
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_ATTACHMENTS_PER_MESSAGE)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  attachmentIds: number[];
}

/** The uploader (the principal) asks to stream files in; the grant binds their identity. */
export class GrantUploadPayload extends PrincipalOnlyPayload {}

/** Vouches for attachments about to be linked to a message of the principal. */
export class ClaimAttachmentsPayload extends WithPrincipal(AttachmentIds) {}

class ObjectSource {
  /** A bucket on the attachments service's S3 endpoint, e.g. the raw-mail bucket. */
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)
  bucket: string;

  @IsString()
  @Length(1, 1024)
  key: string;

  @IsString()
  @Length(1, 1000)
  filename: string;

  /** What the sender claimed; checked against the bytes, never trusted. */
  @IsOptional()
  @IsString()
  @Length(0, 255)
  contentType?: string;
}

/**
 * Wire-level: where mail-ingress writes the parts it imports, in its raw-mail bucket;
 * attachments.import refuses every other key. Changing it strands mail-ingress's imports.
 */
export const MAIL_PART_KEY_PREFIX = 'parts/';

/** Stores a copy of an object already in S3 as an attachment owned by the principal (mail-ingress). */
export class ImportAttachmentPayload extends WithPrincipal(ObjectSource) {}

export class RemoveUnlinkedPayload {
  /** Uploads no message took within this long are removed; default ATTACHMENT_UNLINKED_TTL. */
  @IsOptional()
  @IsInt()
  @Min(0)
  olderThanMs?: number;
}
