import { ApiError } from '../api/client';
import type { NewerMessageView } from '../api/types';
import { Time } from './format';

/** What a 409 STALE_REPLY listed: written by others after the message the draft was based on. */
export function NewerMessages({ messages, onSendAnyway }: { messages: NewerMessageView[]; onSendAnyway: () => void }) {
  return (
    <section className="notice notice-warning newer-messages" aria-label="Newer messages" aria-live="assertive">
      <p>
        <strong>Someone wrote on this ticket while you were writing.</strong> Nothing was sent. Read what is new, then
        send yours again, or send it as it is.
      </p>
      <ul>
        {messages.map((message) => (
          <li key={message.id}>
            <strong>{message.author.name}</strong>
            {message.internal ? ' (internal note)' : ''}, <Time iso={message.createdAt} />: {message.excerpt}
          </li>
        ))}
      </ul>
      <button type="button" onClick={onSendAnyway}>
        Send anyway
      </button>
    </section>
  );
}

export function newerMessagesOf(error: unknown): NewerMessageView[] | null {
  const newer = error instanceof ApiError && error.code === 'STALE_REPLY' ? error.details?.newer : undefined;
  return Array.isArray(newer) ? (newer as NewerMessageView[]) : null;
}

/** The newest message: the API lists a ticket's messages in time order. */
export function latestMessageIdOf(messages: { id: number }[]): number | null {
  return messages.at(-1)?.id ?? null;
}
