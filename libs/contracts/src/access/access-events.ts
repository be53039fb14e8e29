import { IsArray, IsBoolean, IsEnum, IsInt, IsISO8601, IsOptional, IsString, Min } from 'class-validator';

/*
 * WIRE-LEVEL NAMES: events the access service publishes (through its outbox) so that services
 * keeping copies of names, such as the tickets list, can follow renames. Each name's payload
 * class is in `EVENT_PAYLOADS` (events.ts).
 */
export const AccessEvents = {
  DepartmentUpdated: 'department.updated',
  StaffUpdated: 'staff.updated',
  ClientUpdated: 'client.updated',
  /** A confirmation or password-reset link to mail (the notifications service sends it). */
  AccountMailRequested: 'account.mail-requested',
} as const;
export type AccessEventName = (typeof AccessEvents)[keyof typeof AccessEvents];

export class DepartmentUpdatedPayload {
  @IsInt()
  @Min(1)
  id: number;

  @IsString()
  name: string;

  @IsBoolean()
  active: boolean;

  /** As in DepartmentView; absent on events published before auto-close existed. */
  @IsOptional()
  @IsInt()
  @Min(0)
  autoCloseDays?: number | null;

  /** The department's updatedAt (ISO): copies apply an event only if it is not older than what they hold. */
  @IsOptional()
  @IsISO8601({ strict: true })
  updatedAt?: string;
}

export class StaffUpdatedPayload {
  @IsInt()
  @Min(1)
  id: number;

  @IsString()
  name: string;

  @IsString()
  email: string;

  @IsBoolean()
  active: boolean;

  @IsArray()
  @IsInt({ each: true })
  departmentIds: number[];
}

export class ClientUpdatedPayload {
  @IsInt()
  @Min(1)
  id: number;

  @IsString()
  name: string;

  @IsString()
  email: string;
}

export enum AccountMailPurpose {
  /** Confirms the address of a self-registered account, which cannot sign in before. */
  VerifyEmail = 'verify-email',
  /** Sets a new password (or a first one, for a client who so far only wrote by email). */
  ResetPassword = 'reset-password',
}

/**
 * The link's token travels only to the notifications service, which mails it; access keeps
 * a SHA-256 of it. The event is consumed once and not logged.
 */
export class AccountMailRequestedPayload {
  @IsEnum(AccountMailPurpose)
  purpose: AccountMailPurpose;

  @IsString()
  name: string;

  @IsString()
  email: string;

  @IsString()
  token: string;

  @IsISO8601()
  expiresAt: string;
}
