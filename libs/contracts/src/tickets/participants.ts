import { Type } from 'class-transformer';
import {
  IsArray,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

import type { ApiPropertyOptions } from '@nestjs/swagger';

import { ApiField, ApiFieldOptional } from '../common/api-docs';
import { Trimmed } from '../common/trimmed';
import { WithPrincipal } from '../common/with-principal';

/** How a participant came onto a ticket. */
export enum ParticipantVia {
  Web = 'web',
  Email = 'email',
  /** By another service (e.g. a merge making the source ticket's client a CC of the target). */
  Api = 'api',
}

/** The most addresses one `cc` list may carry; the per-ticket cap is TICKET_MAX_CCS. */
export const CC_LIST_MAX = 100;
export const EMAIL_MAX_LENGTH = 254;

/** `cc` of POST /api/tickets and POST /api/tickets/:id/replies. */
export const ccListDoc: ApiPropertyOptions = {
  type: [String],
  example: ['colleague@example.com'],
  description: 'addresses to add as CCs (staff; clients where the department allows it)',
};

export class AddCcBody {
  @ApiField({ example: 'colleague@example.com', maxLength: EMAIL_MAX_LENGTH })
  @Trimmed()
  @IsEmail()
  @MaxLength(EMAIL_MAX_LENGTH)
  email: string;

  @ApiFieldOptional({ example: 'Robin Colleague', maxLength: 100 })
  @IsOptional()
  @Trimmed()
  @IsString()
  @Length(1, 100)
  name?: string;
}

export class AddCcPayload extends WithPrincipal(AddCcBody) {
  @IsInt()
  @Min(1)
  ticketId: number;

  @IsOptional()
  @IsEnum(ParticipantVia)
  via?: ParticipantVia;
}

export class RemoveCcPayload extends WithPrincipal(class {}) {
  @IsInt()
  @Min(1)
  ticketId: number;

  @IsEmail()
  @MaxLength(EMAIL_MAX_LENGTH)
  email: string;
}

export class FollowerPayload extends WithPrincipal(class {}) {
  @IsInt()
  @Min(1)
  ticketId: number;

  @IsInt()
  @Min(1)
  staffId: number;
}

export interface CcView {
  email: string;
  name: string;
  /** The client account behind the address. */
  clientId?: number;
  addedVia: ParticipantVia;
  addedAt: string;
}

export interface FollowerView {
  staffId: number;
  name: string;
}

/** GET /api/tickets/:id/participants; clients get `followers: []`. */
export interface ParticipantsView {
  ccs: CcView[];
  followers: FollowerView[];
}

/** POST /api/tickets/:id/ccs: the CC, and whether it was added now (201) or was already there (200). */
export interface AddCcResult {
  cc: CcView;
  created: boolean;
}

export interface MentionView {
  ticketId: number;
  subject: string;
  messageId: number;
  /** Who wrote the note. */
  byName: string;
  createdAt: string;
}

/** A CC as events carry it: its client account, address and name. */
export class CcFacts {
  @IsInt()
  @Min(1)
  clientId: number;

  @IsEmail()
  email: string;

  @IsString()
  name: string;
}

/** Who is on the ticket besides its client and assignee, as of the event. */
export class ParticipantFacts {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CcFacts)
  ccs: CcFacts[];

  @IsArray()
  @IsInt({ each: true })
  followerIds: number[];
}
