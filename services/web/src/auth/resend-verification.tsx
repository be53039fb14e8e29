import { useMutation } from '@tanstack/react-query';

import { api } from '../api/client';
import { ErrorMessage, Notice } from '../components/feedback';

/** Mails a new confirmation link to an account that has not confirmed its address yet. */
export function ResendVerification({ email }: { email: string }) {
  const resend = useMutation({
    mutationFn: () => api.post<{ message: string }>('/auth/resend-verification', { email }),
  });
  return (
    <div className="resend-verification">
      <button type="button" onClick={() => resend.mutate()} disabled={resend.isPending}>
        {resend.isPending ? 'Sending…' : 'Send the link again'}
      </button>
      {resend.data ? <Notice tone="success">{resend.data.message}</Notice> : null}
      <ErrorMessage error={resend.error} />
    </div>
  );
}
