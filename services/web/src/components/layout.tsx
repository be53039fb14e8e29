import { useIsFetching, useIsMutating } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';

import { useStaffEventStream } from '../api/event-stream';
import type { PrincipalKind } from '../api/types';
import { ROLE_LABELS } from '../api/vocabulary';
import { isAdmin, useSession } from '../auth/session';
import { ErrorMessage, Loading, useDelayed } from './feedback';

export interface NavItem {
  to: string;
  label: string;
  adminOnly?: boolean;
  /** Paths under `to` that belong to another item (Open a ticket is not My Tickets). */
  except?: string;
}

function isCurrent(item: NavItem, path: string): boolean {
  const inside = path === item.to || path.startsWith(`${item.to}/`);
  return inside && !(item.except && path.startsWith(item.except));
}

/** A thin bar at the top while a change is being saved or a page's first data loads. */
function ProgressBar() {
  const mutating = useIsMutating();
  const loading = useIsFetching({ predicate: (query) => query.state.status === 'pending' });
  const shown = useDelayed(mutating + loading > 0, 300);
  return shown ? <div className="progress-bar" role="progressbar" aria-label="Working…" /> : null;
}

/** The frame of a signed-in area: only for its kind of user, with navigation and sign out. */
export function AreaLayout({
  kind,
  brand,
  nav,
  footer,
}: {
  kind: PrincipalKind;
  brand: string;
  nav: NavItem[];
  footer?: ReactNode;
}) {
  const { session, me, meError, retryMe, signOut, signedOutByUser } = useSession();
  const location = useLocation();
  const signInPath = kind === 'staff' ? '/login' : '/client/login';
  useStaffEventStream(kind === 'staff' && session?.user.kind === 'staff' ? session.accessToken : undefined);
  if (!session) {
    // Back to this page after signing in, unless the user chose to leave it.
    const next = signedOutByUser ? '' : `?next=${encodeURIComponent(location.pathname + location.search)}`;
    return <Navigate to={`${signInPath}${next}`} replace />;
  }
  if (session.user.kind !== kind) {
    return <Navigate to={session.user.kind === 'staff' ? '/admin/tickets' : '/client/tickets'} replace />;
  }
  const admin = isAdmin(me);
  return (
    <div className={`app ${kind}-app`}>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <Link to={nav[0].to} className="brand">
          Helpdesk <span className="brand-area">{brand}</span>
        </Link>
        <nav aria-label="Main" className="main-nav">
          <ul>
            {nav
              .filter((item) => !item.adminOnly || admin)
              .map((item) => (
                <li key={item.to}>
                  <Link
                    to={item.to}
                    className={isCurrent(item, location.pathname) ? 'active' : undefined}
                    aria-current={isCurrent(item, location.pathname) ? 'page' : undefined}
                  >
                    {item.label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <div className="user-menu">
          <span className="user-name">
            {session.user.name}
            {kind === 'staff' && session.user.role && session.user.name !== ROLE_LABELS[session.user.role] ? (
              <span className="muted"> · {ROLE_LABELS[session.user.role]}</span>
            ) : null}
          </span>
          <Link
            to={kind === 'staff' ? '/admin/profile/tokens' : '/client/profile/tokens'}
            className="button small"
            aria-current={location.pathname.endsWith('/profile/tokens') ? 'page' : undefined}
          >
            API tokens
          </Link>
          <button type="button" className="secondary small" onClick={() => signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <ProgressBar />
      <main id="main" className="content">
        {me ? (
          <Outlet />
        ) : meError ? (
          <>
            <ErrorMessage error={meError} />
            <button type="button" onClick={retryMe}>
              Try again
            </button>
          </>
        ) : (
          <Loading label="Signing you in…" />
        )}
      </main>
      {footer}
    </div>
  );
}

export function NotFoundPage() {
  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <h1>Page not found</h1>
        <p>
          There is nothing at this address. Go to the <Link to="/admin/tickets">staff console</Link> or the{' '}
          <Link to="/client/tickets">client area</Link>.
        </p>
      </div>
    </main>
  );
}
