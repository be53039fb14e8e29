import { MessageVia, Principal, SenderVerdict } from '@helpdesk/contracts';

import { Message } from '../tickets/message.entity';

/** What a message is written from: by whom, on which ticket, what it says, and how it came. */
export interface MessageSource {
  principal: Principal;
  ticketId: number;
  text: string;
  internal: boolean;
  via: MessageVia;
  externalId?: string;
  senderVerdict?: SenderVerdict;
}

/** The row of a new message written at `at`. */
export function newMessage(source: MessageSource, at: Date): Omit<Message, 'id'> {
  return {
    ticketId: source.ticketId,
    authorKind: source.principal.kind,
    authorId: source.principal.id,
    authorName: source.principal.name,
    body: source.text,
    internal: source.internal,
    via: source.via,
    createdAt: at,
    externalId: source.externalId ?? null,
    senderVerdict: source.senderVerdict ?? null,
  };
}
