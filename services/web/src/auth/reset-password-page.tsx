import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';

import { api } from '../api/client';
import type { ResetPasswordBody, SessionView } from '../api/types';
import { ErrorMessage, SubmitButton } from '../components/feedback';
import { PageHeader } from '../components/page';
import { NewPasswordField } from './new-password-field';
import { useSession } from './session';
import { homeOf } from './sign-in-page';

/** The page the password-reset mail links to: a new password, then signed in. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const errorId = useId();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const reset = useMutation({
    mutationFn: (body: ResetPasswordBody) => api.post<SessionView>('/auth/password-reset/confirm', body),
    onSuccess: (session) => {
      signIn(session);
      void navigate(homeOf(session.user.kind), { replace: true });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate({ token, password });
  };

  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <PageHeader title="Choose a new password" />
        {!token ? (
          <p>
            This page needs the link from your password-reset mail. <Link to="/forgot-password">Ask for one</Link>.
          </p>
        ) : (
          <form onSubmit={submit} aria-describedby={reset.error ? errorId : undefined}>
            <NewPasswordField
              label="New password"
              value={password}
              onChange={setPassword}
              hint="Every other session of yours ends."
            />
            <ErrorMessage error={reset.error} id={errorId} />
            <SubmitButton pending={reset.isPending} pendingLabel="Saving…">
              Save and sign in
            </SubmitButton>
          </form>
        )}
      </div>
    </main>
  );
}
