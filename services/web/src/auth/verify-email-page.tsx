import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';

import { api } from '../api/client';
import type { SessionView } from '../api/types';
import { ErrorMessage, Loading } from '../components/feedback';
import { PageHeader } from '../components/page';
import { useSession } from './session';
import { homeOf } from './sign-in-page';

/** The page the confirmation mail links to: confirms the address and signs in. */
export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { signIn } = useSession();
  const navigate = useNavigate();
  const verify = useMutation({
    mutationFn: () => api.post<SessionView>('/auth/verify-email', { token }),
    onSuccess: (session) => {
      signIn(session);
      void navigate(homeOf(session.user.kind), { replace: true });
    },
  });
  const { mutate } = verify;

  useEffect(() => {
    if (token) {
      mutate();
    }
  }, [token, mutate]);

  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <PageHeader title="Confirm your address" />
        {!token ? (
          <p>This page needs the link from your confirmation mail; open it from there.</p>
        ) : verify.error ? (
          <ErrorMessage error={verify.error} />
        ) : (
          <Loading label="Confirming your address…" />
        )}
        <p className="auth-switch">
          <Link to="/client/login">Sign in</Link>
        </p>
      </div>
    </main>
  );
}
