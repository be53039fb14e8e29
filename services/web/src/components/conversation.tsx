import type { ReactNode } from 'react';

import type { MessageView } from '../api/types';
import { AttachmentList } from './attachments';
import { Time } from './format';

/** A ticket's messages, oldest first. Bodies are text: newlines kept, never read as HTML. */
export function Conversation({
  messages,
  extras,
}: {
  messages: MessageView[];
  /** More for one message, such as staff-only links next to an emailed reply. */
  extras?: (message: MessageView) => ReactNode;
}) {
  return (
    <ol className="conversation" aria-label="Conversation">
      {messages.map((message) => (
        <li key={message.id}>
          <Message message={message} extras={extras?.(message)} />
        </li>
      ))}
    </ol>
  );
}

function Message({ message, extras }: { message: MessageView; extras?: ReactNode }) {
  const from = message.author.kind === 'staff' ? 'staff' : 'client';
  return (
    <article
      className={`message from-${from}${message.internal ? ' internal' : ''}`}
      aria-label={`${message.internal ? 'Internal note' : 'Message'} from ${message.author.name}`}
      data-message-id={message.id}
    >
      <header className="message-header">
        <span className="author">
          <strong>{message.author.name}</strong> <span className="muted">{from === 'staff' ? 'Staff' : 'Client'}</span>
        </span>
        {message.internal ? <span className="badge note-badge">Internal note · visible to staff only</span> : null}
        <span className="message-meta">
          <span className={`via via-${message.via}`}>{message.via === 'email' ? 'by email' : 'on the web'}</span>
          <span aria-hidden="true"> · </span>
          <Time iso={message.createdAt} relativeTime={false} />
        </span>
      </header>
      <div className="message-body">{message.body}</div>
      <AttachmentList attachments={message.attachments} />
      {extras}
    </article>
  );
}
