import { useEffect, useState, type ReactNode } from 'react';

import { ApiError } from '../api/client';

/** The words for a failure, shown right under what caused it. */
export function ErrorMessage({ error, id }: { error: unknown; id?: string }) {
  if (!error) {
    return null;
  }
  const problems = error instanceof ApiError ? error.problems : [];
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);
  return (
    <div className="error" role="alert" id={id}>
      {problems.length > 1 ? (
        <>
          <p>Please check:</p>
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{message}</p>
      )}
    </div>
  );
}

/** Shows progress only when a request takes long enough to notice (no flicker for fast ones). */
export function Loading({ label = 'Loading…', delayMs = 200 }: { label?: string; delayMs?: number }) {
  const shown = useDelayed(true, delayMs);
  return (
    <p className="loading" role="status">
      {shown ? (
        <>
          <span className="spinner" aria-hidden="true" /> {label}
        </>
      ) : null}
    </p>
  );
}

export function useDelayed(active: boolean, delayMs: number): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!active) {
      setShown(false);
      return;
    }
    const timer = setTimeout(() => setShown(true), delayMs);
    return () => clearTimeout(timer);
  }, [active, delayMs]);
  return shown;
}

/** A submit button that says what it is doing while its request runs. */
export function SubmitButton({
  pending,
  children,
  pendingLabel,
  className = 'primary',
  disabled,
}: {
  pending: boolean;
  children: ReactNode;
  pendingLabel: string;
  className?: string;
  disabled?: boolean;
}) {
  return (
    <button type="submit" className={className} disabled={pending || disabled} aria-disabled={pending || disabled}>
      {pending ? (
        <>
          <span className="spinner" aria-hidden="true" /> {pendingLabel}
        </>
      ) : (
        children
      )}
    </button>
  );
}

export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'success' | 'warning' }) {
  return (
    <div className={`notice notice-${tone}`} role="status">
      {children}
    </div>
  );
}
