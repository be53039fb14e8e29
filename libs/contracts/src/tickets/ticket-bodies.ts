import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

import { AttachmentIdsProperty } from '../attachments/attachment-payloads';
import { ApiField, ApiFieldOptional } from '../common/api-docs';
import { PageQuery } from '../common/page';
import { Trimmed } from '../common/trimmed';
import { CC_LIST_MAX, ccListDoc, EMAIL_MAX_LENGTH } from './participants';
import { WithPrincipal } from '../common/with-principal';
import { DEFAULT_TICKET_SORT, MessageVia, TICKET_SORTS, TicketPriority, TicketStatus } from './ticket-enums';

export const MESSAGE_MAX_LENGTH = 100_000;
export const SUBJECT_MAX_LENGTH = 200;

export class CreateTicketBody {
  @ApiField({ example: 3 })
  @IsInt()
  @Min(1)
  departmentId: number;

  @ApiField({ example: 'Invoice 2041 charged twice', maxLength: SUBJECT_MAX_LENGTH })
  @Trimmed()
  @IsString()
  @Length(1, SUBJECT_MAX_LENGTH)
  subject: string;

  @ApiField({ example: 'Hello, my card was charged twice for invoice 2041.' })
  @Trimmed()
  @IsString()
  @Length(1, MESSAGE_MAX_LENGTH)
  message: string;

  @ApiFieldOptional({ enum: TicketPriority, default: TicketPriority.Medium })
  @IsOptional()
  @IsEnum(TicketPriority)
  priority?: TicketPriority;

  @ApiFieldOptional({ description: 'staff only: the client the ticket is opened for' })
  @IsOptional()
  @IsInt()
  @Min(1)
  clientId?: number;

  @AttachmentIdsProperty()
  attachmentIds?: number[];

  @ApiFieldOptional(ccListDoc)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CC_LIST_MAX)
  @IsEmail({}, { each: true })
  @MaxLength(EMAIL_MAX_LENGTH, { each: true })
  cc?: string[];
}

export class MessageBody {
  @ApiField({ example: 'Thanks, we refunded the second charge.' })
  @Trimmed()
  @IsString()
  @Length(1, MESSAGE_MAX_LENGTH)
  message: string;

  @AttachmentIdsProperty()
  attachmentIds?: number[];

  @ApiFieldOptional(ccListDoc)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CC_LIST_MAX)
  @IsEmail({}, { each: true })
  @MaxLength(EMAIL_MAX_LENGTH, { each: true })
  cc?: string[];

  @ApiFieldOptional({
    description:
      'the latest message the writer had seen: if someone else wrote a newer public message (or, for staff, a note) the write is refused with 409 STALE_REPLY listing them',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  basedOnMessageId?: number;

  @ApiFieldOptional({ description: 'send despite newer messages (with basedOnMessageId); recorded in the history' })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}

export class UpdateTicketBody {
  @ApiFieldOptional({
    enum: [
      TicketStatus.Open,
      TicketStatus.CustomerReply,
      TicketStatus.InProgress,
      TicketStatus.OnHold,
      TicketStatus.Closed,
    ],
    description: '`answered` is set only by a staff reply, never by hand',
  })
  @IsOptional()
  @IsEnum(TicketStatus)
  status?: TicketStatus;

  @ApiFieldOptional({ enum: TicketPriority })
  @IsOptional()
  @IsEnum(TicketPriority)
  priority?: TicketPriority;

  @ApiFieldOptional({ nullable: true, description: 'a staff id, or null to unassign' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  assigneeId?: number | null;

  @ApiFieldOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  departmentId?: number;
}

export class ListTicketsQuery extends PageQuery {
  @ApiFieldOptional({ enum: TicketStatus })
  @IsOptional()
  @IsEnum(TicketStatus)
  status?: TicketStatus;

  @ApiFieldOptional({ enum: TicketPriority })
  @IsOptional()
  @IsEnum(TicketPriority)
  priority?: TicketPriority;

  @ApiFieldOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  departmentId?: number;

  @ApiFieldOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  assigneeId?: number;

  @ApiFieldOptional({ description: 'true: only tickets nobody is assigned to' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unassigned?: boolean;

  @ApiFieldOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  clientId?: number;

  @ApiFieldOptional({ description: 'words to find in the subject or any message' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiFieldOptional({ description: 'true: only tickets merged into another; by default they are left out' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  merged?: boolean;

  @ApiFieldOptional({ enum: TICKET_SORTS, default: DEFAULT_TICKET_SORT })
  @IsOptional()
  @IsIn(TICKET_SORTS)
  sort?: string;
}

export class CreateTicketPayload extends WithPrincipal(CreateTicketBody) {}

export class AddMessagePayload extends WithPrincipal(MessageBody) {
  @IsInt()
  @Min(1)
  ticketId: number;

  @IsOptional()
  @IsEnum(MessageVia)
  via?: MessageVia;
}

export class UpdateTicketPayload extends WithPrincipal(UpdateTicketBody) {
  @IsInt()
  @Min(1)
  id: number;

  /** The If-Match header: the ticket's `version` the change was based on (412 when it moved on). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  ifMatch?: string;
}

export class ListTicketsPayload extends WithPrincipal(ListTicketsQuery) {}

export const MERGE_MAX_SOURCES = 10;

export class MergeTicketsBody {
  @ApiField({
    description: `the tickets to merge into this one (1 to ${MERGE_MAX_SOURCES}, distinct)`,
    example: [41, 43],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MERGE_MAX_SOURCES)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  sourceIds: number[];

  @ApiFieldOptional({ description: 'an internal note on the target saying why' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @Length(1, 2_000)
  note?: string;
}

export class MergeTicketsPayload extends WithPrincipal(MergeTicketsBody) {
  @IsInt()
  @Min(1)
  targetId: number;
}

export const SPLIT_MAX_MESSAGES = 50;

export class SplitTicketBody {
  @ApiField({ description: `the client messages to move to a new ticket (1 to ${SPLIT_MAX_MESSAGES})`, example: [901] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SPLIT_MAX_MESSAGES)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  messageIds: number[];

  @ApiFieldOptional({ description: "the new ticket's subject; by default the ticket's" })
  @IsOptional()
  @Trimmed()
  @IsString()
  @Length(1, SUBJECT_MAX_LENGTH)
  subject?: string;

  @ApiFieldOptional({ description: "the new ticket's department; by default the ticket's" })
  @IsOptional()
  @IsInt()
  @Min(1)
  departmentId?: number;
}

export class SplitTicketPayload extends WithPrincipal(SplitTicketBody) {
  @IsInt()
  @Min(1)
  id: number;
}
