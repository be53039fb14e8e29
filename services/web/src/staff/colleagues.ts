import { useQueries } from '@tanstack/react-query';

import { api } from '../api/client';
import { keys, useStaffList } from '../api/queries';
import type { Principal, StaffView } from '../api/types';
import { isAdmin } from '../auth/session';

/**
 * The staff a user may filter the list by: everyone for admins (GET /api/staff), otherwise the
 * active staff of the user's own departments (GET /api/departments/:id/staff).
 */
export function useColleagues(me: Principal | null): { staff: StaffView[]; loading: boolean } {
  const admin = isAdmin(me);
  const all = useStaffList(admin);
  const perDepartment = useQueries({
    queries: (admin ? [] : (me?.departmentIds ?? [])).map((id) => ({
      queryKey: keys.departmentStaff(id),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<StaffView[]>(`/departments/${id}/staff`, undefined, signal),
      staleTime: 60_000,
    })),
  });
  const lists = admin ? [all.data ?? []] : perDepartment.map((query) => query.data ?? []);
  const byId = new Map<number, StaffView>();
  for (const member of lists.flat()) {
    byId.set(member.id, member);
  }
  return {
    staff: [...byId.values()].sort((a, b) => a.name.localeCompare(b.name)),
    loading: admin ? all.isLoading : perDepartment.some((query) => query.isLoading),
  };
}
