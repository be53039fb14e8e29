import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link, Navigate } from 'react-router';

import { api, ApiError } from '../api/client';
import type { RegisteredView, RegisterBody } from '../api/types';
import { ErrorMessage, Notice, SubmitButton } from '../components/feedback';
import { InputField } from '../components/input-field';
import { PageHeader } from '../components/page';
import { NewPasswordField } from './new-password-field';
import { ResendVerification } from './resend-verification';
import { useSession } from './session';
import { homeOf } from './sign-in-page';

export function RegisterPage() {
  const { session } = useSession();
  const [form, setForm] = useState<RegisterBody>({ name: '', email: '', password: '' });
  const ids = { name: useId(), email: useId(), error: useId() };
  const register = useMutation({
    mutationFn: (body: RegisterBody) => api.post<RegisteredView>('/auth/register', body),
  });

  if (session) {
    return <Navigate to={homeOf(session.user.kind)} replace />;
  }
  if (register.data) {
    return <CheckYourInbox email={register.data.user.email} />;
  }
  const disabled = register.error instanceof ApiError && register.error.code === 'REGISTRATION_DISABLED';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate(form);
  };

  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <p className="brand-mark" aria-hidden="true">
          Helpdesk
        </p>
        <PageHeader title="Create a client account" />
        <form onSubmit={submit} aria-describedby={register.error ? ids.error : undefined}>
          <InputField
            id={ids.name}
            label="Your name"
            autoComplete="name"
            required
            maxLength={100}
            value={form.name}
            onChange={(value) => setForm({ ...form, name: value })}
          />
          <InputField
            id={ids.email}
            label="Email"
            type="email"
            autoComplete="email"
            required
            maxLength={254}
            value={form.email}
            onChange={(value) => setForm({ ...form, email: value })}
          />
          <NewPasswordField
            label="Password"
            value={form.password}
            onChange={(value) => setForm({ ...form, password: value })}
          />
          {disabled ? (
            <div className="error" role="alert" id={ids.error}>
              <p>This helpdesk does not take sign-ups. Ask support to create an account for you.</p>
            </div>
          ) : (
            <ErrorMessage error={register.error} id={ids.error} />
          )}
          <SubmitButton pending={register.isPending} pendingLabel="Creating your account…">
            Create account
          </SubmitButton>
        </form>
        <p className="auth-switch">
          Already have an account? <Link to="/client/login">Sign in</Link>.
        </p>
      </div>
    </main>
  );
}

/** After signing up: the account signs in once the mailed link is opened. */
function CheckYourInbox({ email }: { email: string }) {
  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <PageHeader title="Check your inbox" />
        <Notice tone="success">
          We mailed a link to <strong>{email}</strong>. Open it to confirm your address and sign in; it works for 48
          hours.
        </Notice>
        <p>Nothing arrived after a few minutes? Look in your spam folder, or:</p>
        <ResendVerification email={email} />
        <p className="auth-switch">
          Confirmed already? <Link to="/client/login">Sign in</Link>.
        </p>
      </div>
    </main>
  );
}
