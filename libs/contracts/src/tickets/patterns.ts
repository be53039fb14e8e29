import { ByIdPayload } from '../common/by-id';
import { Page } from '../common/page';
import {
  CreateCannedResponsePayload,
  ListCannedResponsesPayload,
  UpdateCannedResponsePayload,
} from './canned-responses';
import { AddMessagePayload, CreateTicketPayload, ListTicketsPayload, UpdateTicketPayload } from './ticket-bodies';
import { CannedResponseView, HistoryEntryView, MessageView, TicketSummary, TicketView } from './ticket-views';

/** Commands the tickets service answers (queue `tickets`). Sent by the gateway (later also mail-ingress, scheduler). */
export const TicketPatterns = {
  /** Opens a ticket (status open). Not idempotent: each call takes a new id. */
  Create: 'tickets.create',
  /** The admin list / My Tickets, scoped to the principal, keyset-paginated. */
  List: 'tickets.list',
  /** One ticket with its messages (internal notes for staff only). */
  Get: 'tickets.get',
  /** A reply; sets answered (staff) or customer_reply (client). */
  Reply: 'tickets.reply',
  /** An internal note (staff only); changes no status. */
  AddNote: 'tickets.add-note',
  /** Status (never answered), priority, assignee, department (staff only). */
  Update: 'tickets.update',
  History: 'tickets.history',
  ListCannedResponses: 'canned-responses.list',
  CreateCannedResponse: 'canned-responses.create',
  UpdateCannedResponse: 'canned-responses.update',
  /** Idempotent: deleting a deleted response answers not found. */
  DeleteCannedResponse: 'canned-responses.delete',
} as const;

export interface TicketRpc {
  [TicketPatterns.Create]: { payload: CreateTicketPayload; result: TicketView };
  [TicketPatterns.List]: { payload: ListTicketsPayload; result: Page<TicketSummary> };
  [TicketPatterns.Get]: { payload: ByIdPayload; result: TicketView };
  [TicketPatterns.Reply]: { payload: AddMessagePayload; result: MessageView };
  [TicketPatterns.AddNote]: { payload: AddMessagePayload; result: MessageView };
  [TicketPatterns.Update]: { payload: UpdateTicketPayload; result: TicketView };
  [TicketPatterns.History]: { payload: ByIdPayload; result: HistoryEntryView[] };
  [TicketPatterns.ListCannedResponses]: { payload: ListCannedResponsesPayload; result: CannedResponseView[] };
  [TicketPatterns.CreateCannedResponse]: { payload: CreateCannedResponsePayload; result: CannedResponseView };
  [TicketPatterns.UpdateCannedResponse]: { payload: UpdateCannedResponsePayload; result: CannedResponseView };
  [TicketPatterns.DeleteCannedResponse]: { payload: ByIdPayload; result: { deleted: true } };
}
