import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  Equals,
  IsArray,
  IsBoolean,
  IsDateString,
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

import { ApiField, ApiFieldOptional } from '../common/api-docs';
import { WithPrincipal } from '../common/with-principal';

/** What becomes of a message on the mail server once it is stored, recorded and queued here. */
export type MailboxAfterImport = 'flag' | 'delete' | `move:${string}`;

/** `flag` (marked \Seen), `delete`, or `move:<folder>`. */
export const MAILBOX_AFTER_IMPORT_PATTERN = /^(flag|delete|move:[^\r\n\0]{1,200})$/;

/** Where a mailbox's fetcher is. */
export enum MailboxState {
  /** Connected, waiting for new mail (IDLE), or fetching. */
  Connected = 'connected',
  /** Not connected yet: added, and no fetcher has logged in since. */
  Idle = 'idle',
  /** The last attempt failed (credentials, server unreachable, folder gone): see lastError. */
  Failing = 'failing',
  /** An admin paused it: nothing is fetched. */
  Paused = 'paused',
}

export const MAILBOX_ALIASES_MAX = 20;
const ADDRESS_MAX = 320;

export class CreateMailboxBody {
  @ApiField({ example: 3 })
  @IsInt()
  @Min(1)
  departmentId: number;

  @ApiField({ example: 'support@example.com', description: 'the address customers write to' })
  @IsEmail({}, { message: 'address: must be an email address' })
  @MaxLength(ADDRESS_MAX)
  address: string;

  @ApiFieldOptional({ example: ['help@example.com'], description: 'other addresses delivered to the same mailbox' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAILBOX_ALIASES_MAX)
  @ArrayUnique()
  @IsEmail({}, { each: true, message: 'aliases: each must be an email address' })
  @MaxLength(ADDRESS_MAX, { each: true })
  aliases?: string[];

  @ApiField({ example: 'outlook.office365.com' })
  @IsString()
  @Length(1, 255)
  @Matches(/^[A-Za-z0-9.:[\]-]+$/, { message: 'host: must be a host name or an IP address' })
  host: string;

  @ApiField({ example: 993 })
  @IsInt()
  @Min(1)
  @Max(65535)
  port: number;

  @ApiField({ description: 'implicit TLS (993); false: plain, upgraded with STARTTLS when offered' })
  @IsBoolean()
  tls: boolean;

  @ApiField({ example: 'support@example.com' })
  @IsString()
  @Length(1, 320)
  username: string;

  @ApiField({ description: 'write-only: never returned; encrypted at rest' })
  @IsString()
  @Length(1, 1000)
  password: string;

  @ApiFieldOptional({ default: 'INBOX' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  folder?: string;

  @ApiField({ example: 'flag', description: 'flag (mark read), move:<folder>, or delete (needs confirmDelete)' })
  @IsString()
  @Matches(MAILBOX_AFTER_IMPORT_PATTERN, { message: 'afterImport: must be flag, delete or move:<folder>' })
  afterImport: MailboxAfterImport;

  @ApiFieldOptional({ description: 'must be true when afterImport is delete' })
  @ValidateIf((body: CreateMailboxBody) => body.afterImport === 'delete')
  @Equals(true, { message: 'confirmDelete: must be true to delete imported mail from the server' })
  confirmDelete?: boolean;

  @ApiFieldOptional({
    description: 'import mail received since then (ISO 8601); default: from when the mailbox is added',
  })
  @IsOptional()
  @IsDateString({}, { message: 'importSince: must be an ISO 8601 date' })
  importSince?: string;

  @ApiFieldOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  paused?: boolean;
}

export class UpdateMailboxBody {
  @ApiFieldOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  departmentId?: number;

  @ApiFieldOptional()
  @IsOptional()
  @IsEmail({}, { message: 'address: must be an email address' })
  @MaxLength(ADDRESS_MAX)
  address?: string;

  @ApiFieldOptional()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAILBOX_ALIASES_MAX)
  @ArrayUnique()
  @IsEmail({}, { each: true, message: 'aliases: each must be an email address' })
  @MaxLength(ADDRESS_MAX, { each: true })
  aliases?: string[];

  @ApiFieldOptional()
  @IsOptional()
  @IsString()
  @Length(1, 255)
  @Matches(/^[A-Za-z0-9.:[\]-]+$/, { message: 'host: must be a host name or an IP address' })
  host?: string;

  @ApiFieldOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  port?: number;

  @ApiFieldOptional()
  @IsOptional()
  @IsBoolean()
  tls?: boolean;

  @ApiFieldOptional()
  @IsOptional()
  @IsString()
  @Length(1, 320)
  username?: string;

  @ApiFieldOptional({ description: 'write-only' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  password?: string;

  @ApiFieldOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  folder?: string;

  @ApiFieldOptional()
  @IsOptional()
  @IsString()
  @Matches(MAILBOX_AFTER_IMPORT_PATTERN, { message: 'afterImport: must be flag, delete or move:<folder>' })
  afterImport?: MailboxAfterImport;

  @ApiFieldOptional()
  @ValidateIf((body: UpdateMailboxBody) => body.afterImport === 'delete')
  @Equals(true, { message: 'confirmDelete: must be true to delete imported mail from the server' })
  confirmDelete?: boolean;

  @ApiFieldOptional()
  @IsOptional()
  @IsDateString({}, { message: 'importSince: must be an ISO 8601 date' })
  importSince?: string;

  @ApiFieldOptional()
  @IsOptional()
  @IsBoolean()
  paused?: boolean;
}

export class CreateMailboxPayload extends WithPrincipal(CreateMailboxBody) {}

class UpdateMailboxWithId extends UpdateMailboxBody {
  @IsInt()
  @Min(1)
  @Type(() => Number)
  id: number;
}
export class UpdateMailboxPayload extends WithPrincipal(UpdateMailboxWithId) {}

/** A mailbox as admins see it; the password is never part of it. */
export interface MailboxView {
  id: number;
  departmentId: number;
  address: string;
  aliases: string[];
  host: string;
  port: number;
  tls: boolean;
  username: string;
  folder: string;
  afterImport: MailboxAfterImport;
  importSince: string;
  paused: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface MailboxStatusView {
  id: number;
  state: MailboxState;
  /** When the last message was taken from the server. */
  lastMessageAt: string | null;
  /** The last failure, kept until a connection works again. */
  lastError: string | null;
  lastErrorAt: string | null;
  /** When the fetcher last talked to the server successfully. */
  lastCheckedAt: string | null;
  /** Messages in the folder not taken yet, as of lastCheckedAt (mail older than importSince not counted). */
  backlog: number;
  /** Messages taken from this mailbox so far. */
  imported: number;
}

/** What `test` found: it changes nothing on the server. */
export interface MailboxTestResult {
  folders: string[];
  /** Messages in the mailbox's folder, and those not read yet. */
  messages: number;
  unseen: number;
  /** The server offers IDLE (else it is polled every MAILBOX_POLL_INTERVAL). */
  idle: boolean;
}

/** The payload of `mailbox.alert`: a mailbox fails (told at most hourly while it does), or works again. */
export class MailboxAlertPayload {
  @IsInt()
  @Min(1)
  mailboxId: number;

  @IsString()
  @MaxLength(ADDRESS_MAX)
  address: string;

  @IsBoolean()
  recovered: boolean;

  /** What failed (the server's answer, or why it was not reached); null when recovered. */
  @ValidateIf((payload: MailboxAlertPayload) => payload.error !== null)
  @IsString()
  @MaxLength(1000)
  error: string | null;

  /** Since when it fails (recovered: how long it failed). */
  @IsDateString()
  failingSince: string;
}
