import { ByIdPayload } from '../common/by-id';
import { Page } from '../common/page';
import { PrincipalOnlyPayload } from '../common/with-principal';
import {
  AttachmentAccess,
  AttachmentAccessPayload,
  AttachmentLink,
  LinkedAttachmentsPayload,
} from './attachment-links';
import { AutoCloseSweepPayload, AutoCloseSweepResult } from './auto-close';
import {
  CreateCannedResponsePayload,
  ListCannedResponsesPayload,
  UpdateCannedResponsePayload,
} from './canned-responses';
import { EmailReplyResult, OpenByEmailPayload, ReplyByEmailPayload } from './email-replies';
import {
  AddCcPayload,
  AddCcResult,
  FollowerPayload,
  FollowerView,
  MentionView,
  ParticipantsView,
  RemoveCcPayload,
} from './participants';
import { PresenceView, SetPresencePayload } from './presence';
import { AddTicketLinkPayload, RemoveTicketLinkPayload, TicketLinkView } from './ticket-links';
import {
  AddMessagePayload,
  CreateTicketPayload,
  ListTicketsPayload,
  MergeTicketsPayload,
  SplitTicketPayload,
  UpdateTicketPayload,
} from './ticket-bodies';
import {
  CannedResponseView,
  HistoryEntryView,
  MessageView,
  TicketSummary,
  TicketView,
  VersionedTicketView,
} from './ticket-views';

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
  /**
   * Staff with access: the requester of a ticket opened from an unverified mail is who they say;
   * from now on they get its mail. Idempotent: a verified ticket is answered as it is.
   */
  VerifyRequester: 'tickets.verify-requester',
  /**
   * Staff with access to the target and every source: the sources' messages move to the target,
   * each source is closed and read-only (mergedInto). Repeating a merge changes nothing.
   */
  Merge: 'tickets.merge',
  /**
   * Within 24 hours of a merge: a merged ticket (or every ticket merged into this one) gets its
   * messages and status back. Staff with access to both sides.
   */
  Unmerge: 'tickets.unmerge',
  /** Staff: client messages move to a new ticket of the same client, linked both ways. */
  Split: 'tickets.split',
  ListCannedResponses: 'canned-responses.list',
  CreateCannedResponse: 'canned-responses.create',
  UpdateCannedResponse: 'canned-responses.update',
  /** Idempotent: deleting a deleted response answers not found. */
  DeleteCannedResponse: 'canned-responses.delete',
  /**
   * Sent by attachments before a download: is the attachment on a message, and may the principal
   * see that message (clients never internal notes, staff only their departments)? Idempotent.
   */
  AttachmentAccess: 'tickets.attachment-access',
  /** Sent by attachments' clean-up: which of these attachments are on a message. Idempotent. */
  LinkedAttachments: 'tickets.linked-attachments',
  /**
   * Sent by the scheduler (internal queue only, never through the gateway): closes tickets
   * waiting on the client past their window and queues the reminders, in batches. Idempotent
   * and safe to run concurrently: each ticket is closed once, and a reply that lands first wins.
   */
  AutoCloseSweep: 'tickets.auto-close-sweep',
  /**
   * Sent by mail-ingress: a reply by email from the token's recipient (or, `asNote`, an internal
   * note), applying the department's policy for closed tickets (reopen, a new linked ticket after
   * N days, or TICKET_CLOSED). Idempotent on `externalId`: a repeat answers the first message.
   */
  ReplyByEmail: 'tickets.reply-by-email',
  /** Sent by mail-ingress: a client's mail to a department's address opens a ticket. Idempotent on `externalId`. */
  OpenByEmail: 'tickets.open-by-email',
  /** The ticket's CCs and (staff only) followers. */
  ListParticipants: 'tickets.participants.list',
  /** Staff: the tickets linked to this one that they may see. */
  ListLinks: 'tickets.links.list',
  /** Staff with access to both: links two tickets as related (both ways). Idempotent. */
  AddLink: 'tickets.links.add',
  /** Staff: removes a related link (both ways). */
  RemoveLink: 'tickets.links.remove',
  /**
   * Adds a CC (staff; the ticket's client where the department allows it). Idempotent: an
   * existing CC answers `created: false`. Also sent by the tickets service itself (a merge).
   */
  AddCc: 'tickets.ccs.add',
  /** Removes a CC; the record stays, their reply token stops working. Idempotent. */
  RemoveCc: 'tickets.ccs.remove',
  /** Makes staff with access to the ticket's department a follower. Idempotent. */
  Follow: 'tickets.followers.add',
  /** Idempotent. */
  Unfollow: 'tickets.followers.remove',
  /** The caller's recent @mentions in notes of tickets they still see. */
  ListMentions: 'tickets.mentions.list',
  /** Staff who see the ticket: a heartbeat (viewing or replying), kept PRESENCE_TTL; answers everyone's. */
  SetPresence: 'tickets.presence.set',
  /** Staff: ends their presence on the ticket at once. Idempotent. */
  ClearPresence: 'tickets.presence.clear',
  /** Staff who see the ticket: who is on it now (themselves included). */
  ListPresence: 'tickets.presence.list',
} as const;

export interface TicketRpc {
  [TicketPatterns.Create]: { payload: CreateTicketPayload; result: TicketView };
  [TicketPatterns.List]: { payload: ListTicketsPayload; result: Page<TicketSummary> };
  [TicketPatterns.Get]: { payload: ByIdPayload; result: VersionedTicketView };
  [TicketPatterns.Reply]: { payload: AddMessagePayload; result: MessageView };
  [TicketPatterns.AddNote]: { payload: AddMessagePayload; result: MessageView };
  [TicketPatterns.Update]: { payload: UpdateTicketPayload; result: VersionedTicketView };
  [TicketPatterns.History]: { payload: ByIdPayload; result: HistoryEntryView[] };
  [TicketPatterns.VerifyRequester]: { payload: ByIdPayload; result: TicketView };
  [TicketPatterns.Merge]: { payload: MergeTicketsPayload; result: TicketView };
  [TicketPatterns.Unmerge]: { payload: ByIdPayload; result: TicketView };
  [TicketPatterns.Split]: { payload: SplitTicketPayload; result: TicketView };
  [TicketPatterns.ListCannedResponses]: { payload: ListCannedResponsesPayload; result: CannedResponseView[] };
  [TicketPatterns.CreateCannedResponse]: { payload: CreateCannedResponsePayload; result: CannedResponseView };
  [TicketPatterns.UpdateCannedResponse]: { payload: UpdateCannedResponsePayload; result: CannedResponseView };
  [TicketPatterns.DeleteCannedResponse]: { payload: ByIdPayload; result: { deleted: true } };
  [TicketPatterns.AttachmentAccess]: { payload: AttachmentAccessPayload; result: AttachmentAccess };
  [TicketPatterns.LinkedAttachments]: { payload: LinkedAttachmentsPayload; result: AttachmentLink[] };
  [TicketPatterns.AutoCloseSweep]: { payload: AutoCloseSweepPayload; result: AutoCloseSweepResult };
  [TicketPatterns.ReplyByEmail]: { payload: ReplyByEmailPayload; result: EmailReplyResult };
  [TicketPatterns.OpenByEmail]: { payload: OpenByEmailPayload; result: EmailReplyResult };
  [TicketPatterns.ListParticipants]: { payload: ByIdPayload; result: ParticipantsView };
  [TicketPatterns.ListLinks]: { payload: ByIdPayload; result: TicketLinkView[] };
  [TicketPatterns.AddLink]: { payload: AddTicketLinkPayload; result: TicketLinkView };
  [TicketPatterns.RemoveLink]: { payload: RemoveTicketLinkPayload; result: { removed: true } };
  [TicketPatterns.AddCc]: { payload: AddCcPayload; result: AddCcResult };
  [TicketPatterns.RemoveCc]: { payload: RemoveCcPayload; result: { removed: true } };
  [TicketPatterns.Follow]: { payload: FollowerPayload; result: FollowerView };
  [TicketPatterns.Unfollow]: { payload: FollowerPayload; result: { removed: true } };
  [TicketPatterns.ListMentions]: { payload: PrincipalOnlyPayload; result: MentionView[] };
  [TicketPatterns.SetPresence]: { payload: SetPresencePayload; result: PresenceView[] };
  [TicketPatterns.ClearPresence]: { payload: ByIdPayload; result: { removed: true } };
  [TicketPatterns.ListPresence]: { payload: ByIdPayload; result: PresenceView[] };
}
