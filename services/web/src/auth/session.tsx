import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

import { setAccessToken, setUnauthenticatedHandler } from '../api/client';
import { useMe } from '../api/queries';
import type { Principal, SessionView } from '../api/types';

/** Kept in localStorage, so a reload (or a new tab) stays signed in until the token expires. */
const STORAGE_KEY = 'helpdesk.session';

interface SessionContextValue {
  session: SessionView | null;
  /** Who the API says the user is now, with role and departments (null while loading). */
  me: Principal | null;
  /** Why `me` could not be loaded (the API is down, say); a refused token signs out instead. */
  meError: unknown;
  retryMe(): void;
  /** Why the last session ended, to say so on the sign-in page. */
  endedBecause: string | null;
  /** The user pressed Sign out (rather than a session that expired under them). */
  signedOutByUser: boolean;
  signIn(session: SessionView): void;
  signOut(reason?: string): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

function readStored(): SessionView | null {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as SessionView | null;
    return stored && typeof stored.accessToken === 'string' && stored.user ? stored : null;
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<SessionView | null>(() => {
    const stored = readStored();
    setAccessToken(stored?.accessToken ?? null);
    return stored;
  });
  const [endedBecause, setEndedBecause] = useState<string | null>(null);
  const [signedOutByUser, setSignedOutByUser] = useState(false);

  const signIn = useCallback(
    (next: SessionView) => {
      queryClient.clear();
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      setAccessToken(next.accessToken);
      setEndedBecause(null);
      setSignedOutByUser(false);
      setSession(next);
    },
    [queryClient],
  );

  const signOut = useCallback(
    (reason?: string) => {
      localStorage.removeItem(STORAGE_KEY);
      setAccessToken(null);
      setEndedBecause(reason ?? null);
      setSignedOutByUser(reason === undefined);
      setSession(null);
      queryClient.clear();
    },
    [queryClient],
  );

  useEffect(() => {
    setUnauthenticatedHandler(() => signOut('Your session has ended. Sign in again to go on.'));
    // Signing in or out in another tab applies here too.
    const onStorage = (event: StorageEvent) => {
      if (event.key === STORAGE_KEY) {
        const stored = readStored();
        setAccessToken(stored?.accessToken ?? null);
        queryClient.clear();
        setSession(stored);
      }
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [signOut, queryClient]);

  const me = useMe(session !== null);
  const value = useMemo<SessionContextValue>(
    () => ({
      session,
      me: session ? (me.data ?? null) : null,
      meError: session ? me.error : null,
      retryMe: () => void me.refetch(),
      endedBecause,
      signedOutByUser,
      signIn,
      signOut,
    }),
    [session, me, endedBecause, signedOutByUser, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) {
    throw new Error('useSession outside SessionProvider');
  }
  return value;
}

export const isAdmin = (me: Principal | null) => me?.kind === 'staff' && me.role === 'admin';

/** Departments whose tickets the user works on; undefined means every one (admins). */
export function workingDepartmentIds(me: Principal | null): number[] | undefined {
  return isAdmin(me) ? undefined : (me?.departmentIds ?? []);
}
