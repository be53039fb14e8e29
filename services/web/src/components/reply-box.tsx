import { useEffect, useId, useRef, useState, type FormEvent } from 'react';

import { useAddMessage, useCannedResponses } from '../api/queries';
import { MESSAGE_MAX_LENGTH } from '../api/vocabulary';
import { AttachmentPicker, DropZone, useUploads } from './attachments';
import { ErrorMessage, Notice, SubmitButton } from './feedback';
import { NewerMessages, newerMessagesOf } from './newer-messages';

/** The text being written survives a reload of the page (and a failed send, of course). */
function useDraft(key: string): [string, (value: string) => void] {
  const [value, setValue] = useState(() => sessionStorage.getItem(key) ?? '');
  useEffect(() => {
    if (value) {
      sessionStorage.setItem(key, value);
    } else {
      sessionStorage.removeItem(key);
    }
  }, [key, value]);
  return [value, setValue];
}

/**
 * The message a draft is based on: the latest one shown when writing began. While the draft is
 * open, messages that arrive are announced rather than silently taken as read, and sending names
 * it, so a reply written over someone else's answer is refused (409 STALE_REPLY) before it goes out.
 */
function useDraftBase(text: string, latestMessageId: number | null) {
  const [basedOn, setBasedOn] = useState<number | null>(text ? latestMessageId : null);
  useEffect(() => {
    if (!text) {
      setBasedOn(null);
    } else if (basedOn === null) {
      setBasedOn(latestMessageId);
    }
  }, [text, basedOn, latestMessageId]);
  const newerArrived = basedOn !== null && latestMessageId !== null && latestMessageId !== basedOn;
  return { basedOn, newerArrived, markRead: () => setBasedOn(latestMessageId), readUpTo: setBasedOn };
}

export function ReplyBox({
  ticketId,
  staff,
  closed,
  latestMessageId = null,
  onWritingChange,
}: {
  ticketId: number;
  /** Staff get internal notes and canned responses. */
  staff: boolean;
  closed: boolean;
  /** The newest message on the page (by time), which a draft is based on. */
  latestMessageId?: number | null;
  /** Told whether the box has text: staff are then shown to others as replying. */
  onWritingChange?: (writing: boolean) => void;
}) {
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [text, setText] = useDraft(`helpdesk.draft.${ticketId}`);
  const [sent, setSent] = useState<string | null>(null);
  const [cc, setCc] = useState('');
  const textarea = useRef<HTMLTextAreaElement>(null);
  const uploads = useUploads();
  const send = useAddMessage(ticketId);
  const canned = useCannedResponses(ticketId, staff);
  const ids = { text: useId(), canned: useId(), error: useId(), cc: useId() };
  const ccList = cc
    .split(/[,;\s]+/)
    .map((address) => address.trim())
    .filter(Boolean);
  const note = staff && mode === 'note';
  const draftBase = useDraftBase(text, latestMessageId);
  const newer = newerMessagesOf(send.error);
  const writing = text.trim() !== '';

  useEffect(() => onWritingChange?.(writing), [onWritingChange, writing]);

  useEffect(() => {
    if (!sent) {
      return;
    }
    const timer = setTimeout(() => setSent(null), 5000);
    return () => clearTimeout(timer);
  }, [sent]);

  const insert = (snippet: string) => {
    const field = textarea.current;
    const start = field?.selectionStart ?? text.length;
    const end = field?.selectionEnd ?? text.length;
    setText(text.slice(0, start) + snippet + text.slice(end));
    requestAnimationFrame(() => {
      field?.focus();
      field?.setSelectionRange(start + snippet.length, start + snippet.length);
    });
  };

  const submit = (event?: FormEvent, force = false) => {
    event?.preventDefault();
    if (!text.trim() || uploads.busy || send.isPending) {
      return;
    }
    send.mutate(
      {
        internal: note,
        body: {
          message: text,
          ...(uploads.attachmentIds.length > 0 ? { attachmentIds: uploads.attachmentIds } : {}),
          ...(!note && ccList.length > 0 ? { cc: ccList } : {}),
          ...(draftBase.basedOn !== null ? { basedOnMessageId: draftBase.basedOn } : {}),
          ...(force ? { force: true } : {}),
        },
      },
      {
        onError: (error) => {
          // The refusal listed what is new: that has been read now, so sending again goes through.
          const listed = newerMessagesOf(error);
          if (listed?.length) {
            draftBase.readUpTo(listed[listed.length - 1].id);
          }
        },
        onSuccess: () => {
          setText('');
          setCc('');
          uploads.clear();
          setSent(note ? 'Internal note added.' : 'Reply sent.');
        },
      },
    );
  };

  return (
    <section className={`reply-box${note ? ' note-mode' : ''}`} aria-labelledby={`${ids.text}-title`}>
      <h2 id={`${ids.text}-title`} className="section-title">
        {staff ? 'Reply or add a note' : 'Reply'}
      </h2>
      {closed ? (
        <p className="muted">
          {staff
            ? 'This ticket is closed. A reply sets it to Answered; a note leaves it closed.'
            : 'This ticket is closed. Replying reopens it.'}
        </p>
      ) : null}
      <DropZone onFiles={uploads.add} className="drop-zone">
        <form onSubmit={submit} aria-describedby={send.error ? ids.error : undefined}>
          {staff ? (
            <div className="reply-toolbar">
              <fieldset className="segmented">
                <legend className="visually-hidden">Send as</legend>
                <label>
                  <input
                    type="radio"
                    name={`mode-${ticketId}`}
                    checked={mode === 'reply'}
                    onChange={() => setMode('reply')}
                  />
                  Reply to client
                </label>
                <label>
                  <input
                    type="radio"
                    name={`mode-${ticketId}`}
                    checked={mode === 'note'}
                    onChange={() => setMode('note')}
                  />
                  Internal note
                </label>
              </fieldset>
              <div className="field inline">
                <label htmlFor={ids.canned}>Canned response</label>
                <select
                  id={ids.canned}
                  value=""
                  disabled={!canned.data?.length}
                  onChange={(event) => {
                    const response = canned.data?.find((candidate) => String(candidate.id) === event.target.value);
                    if (response) {
                      insert(response.body);
                    }
                  }}
                >
                  <option value="">
                    {canned.isLoading ? 'Loading…' : canned.data?.length ? 'Insert…' : 'None available'}
                  </option>
                  {canned.data?.map((response) => (
                    <option key={response.id} value={response.id}>
                      {response.title}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          ) : null}
          {canned.error ? <ErrorMessage error={canned.error} /> : null}
          <div className="field">
            <label htmlFor={ids.text}>{note ? 'Internal note (visible to staff only)' : 'Your reply'}</label>
            <textarea
              id={ids.text}
              ref={textarea}
              rows={7}
              required
              maxLength={MESSAGE_MAX_LENGTH}
              value={text}
              onChange={(event) => setText(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                  submit();
                }
              }}
              aria-describedby={`${ids.text}-hint`}
            />
            <p id={`${ids.text}-hint`} className="hint">
              Plain text. Ctrl+Enter sends.
            </p>
          </div>
          {staff && !note ? (
            <div className="field">
              <label htmlFor={ids.cc}>Cc</label>
              <input
                id={ids.cc}
                type="text"
                value={cc}
                placeholder="colleague@example.com, …"
                onChange={(event) => setCc(event.target.value)}
                aria-describedby={`${ids.cc}-hint`}
              />
              <p id={`${ids.cc}-hint`} className="hint">
                Adds these addresses to the ticket's CCs; everyone on it gets the reply.
              </p>
            </div>
          ) : null}
          <AttachmentPicker uploads={uploads} />
          {draftBase.newerArrived && !newer ? (
            <Notice tone="warning">
              New messages arrived above while you were writing.{' '}
              <button type="button" onClick={draftBase.markRead}>
                I have read them
              </button>
            </Notice>
          ) : null}
          {newer ? (
            <NewerMessages messages={newer} onSendAnyway={() => submit(undefined, true)} />
          ) : (
            <ErrorMessage error={send.error} id={ids.error} />
          )}
          <div className="form-actions">
            <SubmitButton
              pending={send.isPending}
              pendingLabel="Sending…"
              disabled={uploads.busy}
              className={note ? 'note-button' : 'primary'}
            >
              {note ? 'Add internal note' : 'Send reply'}
            </SubmitButton>
            {uploads.busy ? <span className="muted">Waiting for uploads…</span> : null}
            <span aria-live="polite">{sent ? <Notice tone="success">{sent}</Notice> : null}</span>
          </div>
        </form>
      </DropZone>
    </section>
  );
}
