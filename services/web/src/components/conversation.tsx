import type { ReactNode } from 'react';

import type { MessageView } from '../api/types';
import { AttachmentList } from './attachments';
import { Time } from './format';

/** A ticket's messages, oldest first. Bodies are text: newlines kept, never read as HTML. */
export function Conversation({
  messages,
  extras,
  mentionNames = [],
}: {
  messages: MessageView[];
  /** Staff names whose `@Name` mentions are highlighted in notes. */
  mentionNames?: string[];
  /** More for one message, such as staff-only links next to an emailed reply. */
  extras?: (message: MessageView) => ReactNode;
}) {
  return (
    <ol className="conversation" aria-label="Conversation">
      {messages.map((message) => (
        <li key={message.id}>
          <Message message={message} extras={extras?.(message)} mentionNames={mentionNames} />
        </li>
      ))}
    </ol>
  );
}

function Message({
  message,
  extras,
  mentionNames,
}: {
  message: MessageView;
  extras?: ReactNode;
  mentionNames: string[];
}) {
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
        {message.mergedFrom ? <span className="badge merged-badge">From #{message.mergedFrom}</span> : null}
        <span className="message-meta">
          <span className={`via via-${message.via}`}>{message.via === 'email' ? 'by email' : 'on the web'}</span>
          <span aria-hidden="true"> · </span>
          <Time iso={message.createdAt} relativeTime={false} />
        </span>
      </header>
      <div className="message-body">{message.internal ? withMentions(message.body, mentionNames) : message.body}</div>
      <AttachmentList attachments={message.attachments} />
      {extras}
    </article>
  );
}

/**
 * The note's text with each `@Name` of a known staff member marked. Scans for `@` and compares
 * names (longest first) at each one: no regular expression runs on the text.
 */
function withMentions(body: string, names: string[]): ReactNode[] {
  const sorted = [...new Set(names)].filter(Boolean).sort((a, b) => b.length - a.length);
  const parts: ReactNode[] = [];
  let from = 0;
  for (let at = body.indexOf('@'); at !== -1 && sorted.length > 0; at = body.indexOf('@', at + 1)) {
    const following = body.slice(at + 1, at + 1 + 255).toLowerCase();
    const name = sorted.find((candidate) => following.startsWith(candidate.toLowerCase()));
    if (!name) {
      continue;
    }
    parts.push(body.slice(from, at));
    parts.push(
      <mark key={at} className="mention">
        {body.slice(at, at + 1 + name.length)}
      </mark>,
    );
    from = at + 1 + name.length;
    at = from - 1;
  }
  parts.push(body.slice(from));
  return parts;
}
