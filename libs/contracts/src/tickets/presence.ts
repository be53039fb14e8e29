import { Type } from 'class-transformer';
import { IsDefined, IsEnum, IsIn, IsInt, IsString, Min, ValidateNested } from 'class-validator';

import { ApiField } from '../common/api-docs';
import { WithPrincipal } from '../common/with-principal';

/** What a staff member is doing on a ticket's page. */
export enum PresenceState {
  Viewing = 'viewing',
  /** The reply box has text in it. */
  Replying = 'replying',
}

/** GET /api/tickets/:id/presence: one staff member on the ticket, until `expiresAt` unless they beat again. */
export interface PresenceView {
  staff: { id: number; name: string };
  state: PresenceState;
  /** Since when they are in this state. */
  since: string;
  expiresAt: string;
}

/** On each row of a staff member's ticket list. */
export interface TicketPresenceSummary {
  staffId: number;
  name: string;
  state: PresenceState;
}

export class SetPresenceBody {
  @ApiField({ enum: PresenceState, example: PresenceState.Viewing })
  @IsEnum(PresenceState)
  state: PresenceState;
}

export class SetPresencePayload extends WithPrincipal(SetPresenceBody) {
  @IsInt()
  @Min(1)
  id: number;
}

/*
 * WIRE-LEVEL NAME: published by the tickets service straight to the `helpdesk.events` exchange,
 * not through its outbox: presence lives 30 seconds, so an event lost to a broker outage is
 * worth less than a write per heartbeat (the next heartbeat or read shows the truth).
 */
export const PresenceEvents = {
  /** A staff member came to a ticket, changed between viewing and replying, or left (`gone`). */
  Changed: 'ticket.presence-changed',
} as const;
export type PresenceEventName = (typeof PresenceEvents)[keyof typeof PresenceEvents];

/** A presence that ended: left the page, or expired without a heartbeat. */
export const PRESENCE_GONE = 'gone';
export type PresenceChange = PresenceState | typeof PRESENCE_GONE;

class PresenceStaffFacts {
  @IsInt()
  @Min(1)
  id: number;

  @IsString()
  name: string;
}

export class PresenceChangedPayload {
  @IsInt()
  @Min(1)
  ticketId: number;

  /** The ticket's department: who may hear of it. */
  @IsInt()
  @Min(1)
  departmentId: number;

  @IsDefined()
  @ValidateNested()
  @Type(() => PresenceStaffFacts)
  staff: PresenceStaffFacts;

  @IsIn([...Object.values(PresenceState), PRESENCE_GONE])
  state: PresenceChange;
}
