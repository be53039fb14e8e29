import type { ReactNode } from 'react';

import { isAdmin, useSession } from '../auth/session';

export function AdminOnly({ children, what }: { children: ReactNode; what: string }) {
  const { me } = useSession();
  if (!isAdmin(me)) {
    return <p>Only administrators can {what}.</p>;
  }
  return <>{children}</>;
}
