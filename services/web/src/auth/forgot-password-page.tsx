import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';

import { api } from '../api/client';
import { ErrorMessage, Notice, SubmitButton } from '../components/feedback';
import { InputField } from '../components/input-field';
import { PageHeader } from '../components/page';

/** Asks for a mailed link to choose a new password (or a first one, for clients who only wrote by email). */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const ids = { email: useId(), error: useId() };
  const request = useMutation({
    mutationFn: (address: string) => api.post<{ message: string }>('/auth/password-reset', { email: address }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate(email);
  };

  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <PageHeader title="Forgot your password?" />
        {request.data ? (
          <Notice tone="success">{request.data.message} It works for one hour.</Notice>
        ) : (
          <form onSubmit={submit} aria-describedby={request.error ? ids.error : undefined}>
            <p>We mail a link to choose a new password to the address of your account.</p>
            <InputField
              id={ids.email}
              label="Email"
              type="email"
              autoComplete="email"
              required
              maxLength={254}
              value={email}
              onChange={setEmail}
            />
            <ErrorMessage error={request.error} id={ids.error} />
            <SubmitButton pending={request.isPending} pendingLabel="Sending…">
              Mail me a link
            </SubmitButton>
          </form>
        )}
        <p className="auth-switch">
          Remembered it? <Link to="/client/login">Sign in</Link>.
        </p>
      </div>
    </main>
  );
}
