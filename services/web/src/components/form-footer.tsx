import type { ReactNode } from 'react';

import { ErrorMessage, SubmitButton } from './feedback';

/** The end of an admin form: what went wrong (or `children`, e.g. what went right), then submit and leave. */
export function FormFooter({
  error,
  pending,
  submitLabel,
  pendingLabel = 'Saving…',
  leaveLabel = 'Cancel',
  onLeave,
  children,
}: {
  error: unknown;
  pending: boolean;
  submitLabel: string;
  pendingLabel?: string;
  leaveLabel?: string;
  onLeave: () => void;
  children?: ReactNode;
}) {
  return (
    <>
      <div className="span-all">
        <ErrorMessage error={error} />
        {children}
      </div>
      <div className="form-actions span-all">
        <SubmitButton pending={pending} pendingLabel={pendingLabel}>
          {submitLabel}
        </SubmitButton>
        <button type="button" className="secondary" onClick={onLeave}>
          {leaveLabel}
        </button>
      </div>
    </>
  );
}
