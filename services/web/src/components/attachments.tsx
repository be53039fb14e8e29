import { useCallback, useId, useState, type DragEvent, type ReactNode } from 'react';

import { saveDownload } from '../api/client';
import { uploadAttachments } from '../api/queries';
import type { AttachmentView } from '../api/types';
import { MAX_ATTACHMENTS_PER_MESSAGE } from '../api/vocabulary';
import { ErrorMessage } from './feedback';
import { formatBytes } from './format';
import { PaperclipIcon } from './icons';

/** The files of a message, each downloadable (the download carries the sign-in token). */
export function AttachmentList({ attachments }: { attachments: AttachmentView[] | undefined }) {
  if (!attachments || attachments.length === 0) {
    return null;
  }
  return (
    <ul className="attachments" aria-label="Attachments">
      {attachments.map((attachment) => (
        <li key={attachment.id}>
          <DownloadButton attachment={attachment} />
        </li>
      ))}
    </ul>
  );
}

function DownloadButton({ attachment }: { attachment: AttachmentView }) {
  const [state, setState] = useState<{ pending: boolean; error: unknown }>({ pending: false, error: null });
  const start = async () => {
    setState({ pending: true, error: null });
    try {
      await saveDownload(`/attachments/${attachment.id}`, attachment.filename);
      setState({ pending: false, error: null });
    } catch (error) {
      setState({ pending: false, error });
    }
  };
  return (
    <>
      <button type="button" className="link attachment" onClick={start} aria-busy={state.pending}>
        <PaperclipIcon /> {attachment.filename} <span className="muted">({formatBytes(attachment.size)})</span>
        {state.pending ? <span className="muted"> downloading…</span> : null}
      </button>
      <ErrorMessage error={state.error} />
    </>
  );
}

export interface Upload {
  key: string;
  name: string;
  size: number;
  attachment?: AttachmentView;
  error?: unknown;
}

/** Files chosen for a message to come, each uploaded as soon as it is picked or dropped. */
export function useUploads() {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const add = useCallback((files: File[]) => {
    const added = files.map((file) => ({
      key: `${file.name}-${file.size}-${Math.random()}`,
      name: file.name,
      size: file.size,
      file,
    }));
    setUploads((current) => [...current, ...added.map(({ file: _file, ...upload }) => upload)]);
    for (const { key, file } of added) {
      uploadAttachments([file]).then(
        ([attachment]) =>
          setUploads((current) => current.map((upload) => (upload.key === key ? { ...upload, attachment } : upload))),
        (error: unknown) =>
          setUploads((current) => current.map((upload) => (upload.key === key ? { ...upload, error } : upload))),
      );
    }
  }, []);
  const remove = useCallback(
    (key: string) => setUploads((current) => current.filter((upload) => upload.key !== key)),
    [],
  );
  const clear = useCallback(() => setUploads([]), []);
  const attachmentIds = uploads.flatMap((upload) => (upload.attachment ? [upload.attachment.id] : []));
  const busy = uploads.some((upload) => !upload.attachment && !upload.error);
  return { uploads, add, remove, clear, attachmentIds, busy };
}

export type Uploads = ReturnType<typeof useUploads>;

/** Accepts files dropped anywhere on its children (the whole reply form, say). */
export function DropZone({
  onFiles,
  children,
  className,
}: {
  onFiles: (files: File[]) => void;
  children: ReactNode;
  className?: string;
}) {
  const [over, setOver] = useState(false);
  const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');
  return (
    <div
      className={`${className ?? ''} ${over ? 'drop-over' : ''}`}
      onDragOver={(event) => {
        if (hasFiles(event)) {
          event.preventDefault();
          setOver(true);
        }
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) {
          setOver(false);
        }
      }}
      onDrop={(event) => {
        if (hasFiles(event)) {
          event.preventDefault();
          setOver(false);
          onFiles(Array.from(event.dataTransfer.files));
        }
      }}
    >
      {children}
    </div>
  );
}

export function AttachmentPicker({ uploads }: { uploads: Uploads }) {
  const inputId = useId();
  const full = uploads.uploads.length >= MAX_ATTACHMENTS_PER_MESSAGE;
  return (
    <div className="attachment-picker">
      <div className="drop-hint">
        <input
          id={inputId}
          className="visually-hidden-input"
          type="file"
          multiple
          disabled={full}
          onChange={(event) => {
            uploads.add(Array.from(event.target.files ?? []));
            event.target.value = '';
          }}
        />
        <label htmlFor={inputId} className={`button secondary ${full ? 'disabled' : ''}`}>
          Attach files
        </label>
        <span className="muted">or drop them here · images, PDF, text and logs, archives</span>
      </div>
      {uploads.uploads.length > 0 ? (
        <ul className="uploads" aria-label="Files to send" aria-live="polite">
          {uploads.uploads.map((upload) => (
            <li key={upload.key} className={upload.error ? 'upload-failed' : undefined}>
              <span>
                <PaperclipIcon /> {upload.name} <span className="muted">({formatBytes(upload.size)})</span>
                {!upload.attachment && !upload.error ? <span className="muted"> uploading…</span> : null}
                {upload.attachment ? <span className="visually-hidden"> uploaded</span> : null}
              </span>
              <button type="button" className="link" onClick={() => uploads.remove(upload.key)}>
                Remove<span className="visually-hidden"> {upload.name}</span>
              </button>
              {upload.error ? <ErrorMessage error={upload.error} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
