import { createHash, randomBytes } from 'node:crypto';

/** What one recipient's thread of a ticket has seen so far (a row of `mail_threads`). */
export interface ThreadState {
  rootMessageId: string;
  /** The newest ids last, at most MAX_REFERENCES of them. */
  recentMessageIds: string[];
  mailCount: number;
  startedAt: Date;
}

export interface ThreadHeaders {
  inReplyTo: string | null;
  references: string[];
  /** Outlook groups a conversation by this header (and Thread-Topic) rather than References. */
  threadIndex: string;
}

/** References keep the root and the newest ids: long enough to thread, short enough for a header. */
export const MAX_REFERENCES = 10;

const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000n;

/**
 * The headers that put a new mail into its recipient's thread of the ticket, and the thread as
 * it is afterwards. Each recipient has a thread of their own: In-Reply-To names the last mail
 * *they* received, so Thunderbird (References), Gmail and Apple Mail (References + the same
 * subject) and Outlook (Thread-Index) all show one conversation per ticket.
 */
export function continueThread(
  thread: ThreadState | null,
  messageId: string,
  threadKey: string,
  now: Date,
): { headers: ThreadHeaders; thread: ThreadState } {
  if (!thread) {
    return {
      headers: { inReplyTo: null, references: [], threadIndex: threadIndex(threadKey, now, now, true) },
      thread: { rootMessageId: messageId, recentMessageIds: [messageId], mailCount: 1, startedAt: now },
    };
  }
  const parent = thread.recentMessageIds[thread.recentMessageIds.length - 1] ?? thread.rootMessageId;
  const newest = thread.recentMessageIds.filter((id) => id !== thread.rootMessageId).slice(-(MAX_REFERENCES - 1));
  return {
    headers: {
      inReplyTo: parent,
      references: [thread.rootMessageId, ...newest],
      threadIndex: threadIndex(threadKey, thread.startedAt, now, false),
    },
    thread: {
      ...thread,
      recentMessageIds: [...thread.recentMessageIds, messageId].slice(-MAX_REFERENCES),
      mailCount: thread.mailCount + 1,
    },
  };
}

/**
 * Outlook's Thread-Index: 22 bytes (the top 6 bytes of the thread's start as a FILETIME, then a
 * 16-byte GUID, here derived from the thread key) for the first mail, plus one 5-byte child
 * block (time since the start, and a random nibble pair) for each later one.
 */
export function threadIndex(threadKey: string, startedAt: Date, now: Date, first: boolean): string {
  const header = Buffer.alloc(22);
  const start = filetime(startedAt);
  const startBytes = Buffer.alloc(8);
  startBytes.writeBigUInt64BE(start);
  startBytes.copy(header, 0, 0, 6);
  createHash('sha256').update(`thread-index:${threadKey}`).digest().copy(header, 6, 0, 16);
  if (first) {
    return header.toString('base64');
  }
  const delta = filetime(now) - start > 0n ? filetime(now) - start : 0n;
  // Deltas under ~1.6 years drop the low 18 bits, longer ones the low 23 (and set the top bit).
  const long = delta >= 1n << 49n;
  const bits = (long ? (delta >> 23n) | (1n << 31n) : delta >> 18n) & 0xffffffffn;
  const child = Buffer.alloc(5);
  child.writeUInt32BE(Number(bits));
  child[4] = randomBytes(1)[0];
  return Buffer.concat([header, child]).toString('base64');
}

function filetime(date: Date): bigint {
  return (BigInt(date.getTime()) + FILETIME_EPOCH_OFFSET_MS) * 10_000n;
}
