import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsEnum,
  IsISO8601,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

import { AttachmentView } from '../attachments/attachment-views';
import { PrincipalKind } from '../principal';
import { AutoCloseFacts } from './auto-close';
import { WRITTEN_TO_MAX_LENGTH } from './email-replies';
import { ParticipantFacts } from './participants';
import { MessageVia, TicketPriority, TicketStatus } from './ticket-enums';

/*
 * WIRE-LEVEL NAMES: events the tickets service publishes to the `helpdesk.events` exchange
 * (routing key = name) through its outbox. Consumers bind their own queues by these names.
 * Each name's payload class is in `EVENT_PAYLOADS` (events.ts).
 */
export const TicketEvents = {
  Opened: 'ticket.opened',
  Replied: 'ticket.replied',
  NoteAdded: 'ticket.note-added',
  StatusChanged: 'ticket.status-changed',
  PriorityChanged: 'ticket.priority-changed',
  Assigned: 'ticket.assigned',
  DepartmentChanged: 'ticket.department-changed',
  Closed: 'ticket.closed',
  /**
   * The auto-close sweep will close the ticket at `autoClose.closesAt` unless someone replies:
   * at most one per ticket per stretch without activity. Payload: TicketEventPayload with
   * `reason: 'auto'` and `autoClose`. Notifications mails it to the client.
   */
  AutoCloseReminder: 'ticket.auto-close-reminder',
  /** Staff verified the requester of a ticket opened from an unverified mail: from now on they get its mail. */
  RequesterVerified: 'ticket.requester-verified',
  /** Tickets were merged: published for the target and for each source, with `merge`. */
  Merged: 'ticket.merged',
  /** A merge was undone: published for the target and each source, with `merge`. */
  Unmerged: 'ticket.unmerged',
  /** Messages were split out of the ticket into a new one (which is announced as `ticket.opened`). */
  Split: 'ticket.split',
} as const;
export type TicketEventName = (typeof TicketEvents)[keyof typeof TicketEvents];

/** The ticket as it is after the change: what a consumer needs without calling back. */
export class TicketFacts {
  @IsInt()
  @Min(1)
  id: number;

  @IsString()
  subject: string;

  @IsEnum(TicketStatus)
  status: TicketStatus;

  @IsEnum(TicketPriority)
  priority: TicketPriority;

  @IsInt()
  @Min(1)
  departmentId: number;

  @IsString()
  departmentName: string;

  @IsInt()
  @Min(1)
  clientId: number;

  @IsString()
  clientName: string;

  @ValidateIf((ticket: TicketFacts) => ticket.assigneeId !== null)
  @IsInt()
  @Min(1)
  assigneeId: number | null;

  @ValidateIf((ticket: TicketFacts) => ticket.assigneeName !== null)
  @IsString()
  assigneeName: string | null;

  /** Absent only in events published before it was added (as is `lastActivityAt`). */
  @IsOptional()
  @IsISO8601()
  createdAt?: string;

  /** After the change. */
  @IsOptional()
  @IsISO8601()
  lastActivityAt?: string;
  /**
   * False while the requester of a ticket opened from an unverified mail is not verified: nothing
   * is mailed to them. Absent in events recorded before the field existed, which means verified.
   */
  @IsOptional()
  @IsBoolean()
  requesterVerified?: boolean;

  /** The ticket this one was merged into; absent in events recorded before merging existed (not merged). */
  @IsOptional()
  @ValidateIf((ticket: TicketFacts) => ticket.mergedInto !== null)
  @IsInt()
  mergedInto?: number | null;

  /**
   * The support address the ticket was written to by email: its mails go out From it. null (or
   * absent, in events recorded before it existed): MAIL_FROM.
   */
  @IsOptional()
  @IsEmail()
  @MaxLength(WRITTEN_TO_MAX_LENGTH)
  writtenTo?: string | null;
}

export class EventActor {
  @IsIn([...Object.values(PrincipalKind), 'system'])
  kind: PrincipalKind | 'system';

  /** null for the system. */
  @ValidateIf((actor: EventActor) => actor.id !== null)
  @IsInt()
  id: number | null;

  @IsString()
  name: string;
}

export class AttachmentFacts implements AttachmentView {
  @IsInt()
  @Min(1)
  id: number;

  @IsString()
  filename: string;

  @IsInt()
  @Min(0)
  size: number;

  @IsString()
  contentType: string;
}

export class MessageFacts {
  @IsInt()
  @Min(1)
  id: number;

  @IsString()
  body: string;

  /** true for internal notes: never to be shown or mailed to a client. */
  @IsBoolean()
  internal: boolean;

  @IsEnum(MessageVia)
  via: MessageVia;

  /** Files linked to the message in the same transaction (absent on events older than attachments). */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AttachmentFacts)
  attachments?: AttachmentFacts[];

  /** Notes: the staff the note @mentions (each mailed once, and made a follower). */
  @IsOptional()
  @IsArray()
  @IsInt({ each: true })
  mentionedStaffIds?: number[];

  /** `ticket.opened` from a mailbox's backlog (OpenByEmailPayload.backlog): no acknowledgement to the client. */
  @IsOptional()
  @IsBoolean()
  backlog?: boolean;
}

export class MergeFacts {
  @IsInt()
  @Min(1)
  targetId: number;

  @IsArray()
  @IsInt({ each: true })
  sourceIds: number[];
}

/** What every `ticket.*` event says; the message is in the two classes below. */
class TicketEventFields {
  @IsDefined()
  @ValidateNested()
  @Type(() => TicketFacts)
  ticket: TicketFacts;

  @IsDefined()
  @ValidateNested()
  @Type(() => EventActor)
  actor: EventActor;

  /** Each changed field, e.g. `{ status: { from: 'open', to: 'closed' } }`. */
  @IsOptional()
  @IsObject()
  changes?: Record<string, { from: unknown; to: unknown }>;

  /** ticket.closed: why (`manual`, `auto`). */
  @IsOptional()
  @IsString()
  reason?: string;

  /** ticket.closed with reason `auto`, and ticket.auto-close-reminder: the window that applied. */
  @IsOptional()
  @ValidateNested()
  @Type(() => AutoCloseFacts)
  autoClose?: AutoCloseFacts;

  /** ticket.merged: which tickets went into which. */
  @IsOptional()
  @ValidateNested()
  @Type(() => MergeFacts)
  merge?: MergeFacts;

  /** The ticket's CCs and followers as of the event (absent on events from before participants). */
  @IsOptional()
  @ValidateNested()
  @Type(() => ParticipantFacts)
  participants?: ParticipantFacts;
}

/** The payload of a `ticket.*` event; every one fits it. */
export class TicketEventPayload extends TicketEventFields {
  @IsOptional()
  @ValidateNested()
  @Type(() => MessageFacts)
  message?: MessageFacts;
}

/** `ticket.opened`, `ticket.replied` and `ticket.note-added`: the message is always there. */
export class TicketMessageEventPayload extends TicketEventFields {
  @IsDefined()
  @ValidateNested()
  @Type(() => MessageFacts)
  message: MessageFacts;
}
