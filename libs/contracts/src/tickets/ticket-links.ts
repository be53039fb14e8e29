import { IsIn, IsInt, Min } from 'class-validator';

import { ApiField } from '../common/api-docs';
import { WithPrincipal } from '../common/with-principal';
import { PrincipalKind } from '../principal';
import { TicketStatus } from './ticket-enums';

/** How two tickets are linked: staff say they are related; a split links the two it made. */
export enum TicketLinkType {
  Related = 'related',
  /** On a ticket split out of another: the one it came from. */
  SplitFrom = 'split_from',
  /** On a ticket messages were split out of: the new one. */
  SplitTo = 'split_to',
}

/** GET /api/tickets/:id/links: the other ticket, as far as the caller may see it. */
export interface TicketLinkView {
  type: TicketLinkType;
  ticket: { id: number; subject: string; status: TicketStatus };
  createdBy: { kind: PrincipalKind; id: number; name: string };
  createdAt: string;
}

export class AddTicketLinkBody {
  @ApiField({ example: 1043, description: 'the ticket to link this one to' })
  @IsInt()
  @Min(1)
  ticketId: number;

  @ApiField({ enum: [TicketLinkType.Related], description: 'only `related` is made by hand' })
  @IsIn([TicketLinkType.Related])
  type: TicketLinkType.Related;
}

export class AddTicketLinkPayload extends WithPrincipal(AddTicketLinkBody) {
  @IsInt()
  @Min(1)
  id: number;
}

export class RemoveTicketLinkPayload extends WithPrincipal(class {}) {
  @IsInt()
  @Min(1)
  id: number;

  @IsInt()
  @Min(1)
  ticketId: number;
}
