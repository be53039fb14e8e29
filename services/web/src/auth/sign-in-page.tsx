import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';

import { api, ApiError } from '../api/client';
import type { LoginBody, PrincipalKind, SessionView } from '../api/types';
import { ErrorMessage, Notice, SubmitButton } from '../components/feedback';
import { InputField } from '../components/input-field';
import { PageHeader } from '../components/page';
import { ResendVerification } from './resend-verification';
import { useSession } from './session';

export const homeOf = (kind: PrincipalKind) => (kind === 'staff' ? '/admin/tickets' : '/client/tickets');

/** Where to go after signing in: back to the page that asked, if it belongs to this kind of user. */
export function destinationAfterSignIn(kind: PrincipalKind, next: string | null): string {
  const area = kind === 'staff' ? '/admin' : '/client';
  return next && next.startsWith(`${area}/`) && !next.startsWith('//') ? next : homeOf(kind);
}

export function SignInPage({ audience }: { audience: PrincipalKind }) {
  const { session, signIn, endedBecause } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form, setForm] = useState<LoginBody>({ email: '', password: '' });
  const ids = { email: useId(), password: useId(), error: useId() };
  const login = useMutation({
    mutationFn: (body: LoginBody) => api.post<SessionView>('/auth/login', body),
    onSuccess: (next) => {
      signIn(next);
      void navigate(destinationAfterSignIn(next.user.kind, params.get('next')), { replace: true });
    },
  });

  if (session && !login.isSuccess) {
    return <Navigate to={homeOf(session.user.kind)} replace />;
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate(form);
  };

  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <p className="brand-mark" aria-hidden="true">
          Helpdesk
        </p>
        <PageHeader title={audience === 'staff' ? 'Staff sign in' : 'Client area sign in'} />
        {endedBecause ? <Notice tone="warning">{endedBecause}</Notice> : null}
        <form onSubmit={submit} aria-describedby={login.error ? ids.error : undefined}>
          <InputField
            id={ids.email}
            label="Email"
            type="email"
            autoComplete="username"
            required
            maxLength={254}
            value={form.email}
            onChange={(value) => setForm({ ...form, email: value })}
          />
          <InputField
            id={ids.password}
            label="Password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={200}
            value={form.password}
            onChange={(value) => setForm({ ...form, password: value })}
          />
          <ErrorMessage error={login.error} id={ids.error} />
          {login.error instanceof ApiError && login.error.code === 'EMAIL_NOT_VERIFIED' ? (
            <ResendVerification email={form.email} />
          ) : null}
          <SubmitButton pending={login.isPending} pendingLabel="Signing in…">
            Sign in
          </SubmitButton>
        </form>
        <p className="auth-switch">
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
        <p className="auth-switch">
          {audience === 'client' ? (
            <>
              No account yet? <Link to="/client/register">Create one</Link>. Staff sign in <Link to="/login">here</Link>
              .
            </>
          ) : (
            <>
              A client? Sign in to the <Link to="/client/login">client area</Link>.
            </>
          )}
        </p>
      </div>
    </main>
  );
}
