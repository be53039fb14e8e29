import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';

import { api, ApiError } from '../api/client';
import type { RegisterBody, SessionView } from '../api/types';
import { PASSWORD_MIN_LENGTH } from '../api/vocabulary';
import { ErrorMessage, SubmitButton } from '../components/feedback';
import { InputField } from '../components/input-field';
import { PageHeader } from '../components/page';
import { useSession } from './session';
import { homeOf } from './sign-in-page';

export function RegisterPage() {
  const { session, signIn } = useSession();
  const navigate = useNavigate();
  const [form, setForm] = useState<RegisterBody>({ name: '', email: '', password: '' });
  const ids = { name: useId(), email: useId(), password: useId(), error: useId() };
  const register = useMutation({
    mutationFn: (body: RegisterBody) => api.post<SessionView>('/auth/register', body),
    onSuccess: (next) => {
      signIn(next);
      void navigate('/client/tickets', { replace: true });
    },
  });

  if (session && !register.isSuccess) {
    return <Navigate to={homeOf(session.user.kind)} replace />;
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
          <div className="field">
            <label htmlFor={ids.password}>Password</label>
            <input
              id={ids.password}
              type="password"
              autoComplete="new-password"
              required
              minLength={PASSWORD_MIN_LENGTH}
              maxLength={200}
              value={form.password}
              onChange={(event) => setForm({ ...form, password: event.target.value })}
              aria-describedby={`${ids.password}-hint`}
            />
            <p className="hint" id={`${ids.password}-hint`}>
              At least {PASSWORD_MIN_LENGTH} characters.
            </p>
          </div>
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
