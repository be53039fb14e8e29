import {
  ClientView,
  DepartmentView,
  Page,
  StaffRole,
  StaffView,
  TicketPriority,
  TicketSummary,
  TicketView,
} from '@helpdesk/contracts';

import { ApiClient } from './http-client';
import { bodyOf, uniqueName } from './responses';

export const STAFF_PASSWORD = 'staff-password-1';
export const CLIENT_PASSWORD = 'client-password-1';

export type DepartmentInput = Partial<
  Pick<
    DepartmentView,
    'name' | 'autoCloseDays' | 'email' | 'replyToClosedPolicy' | 'reopenWithinDays' | 'clientsMayAddCc'
  >
>;
export type StaffInput = Partial<Pick<StaffView, 'email' | 'name' | 'role' | 'departmentIds'>> & { password?: string };
export type ClientInput = Partial<Pick<ClientView, 'email' | 'name'>> & { password?: string };
export interface TicketInput {
  departmentId: number;
  subject?: string;
  message?: string;
  priority?: TicketPriority;
  clientId?: number;
  attachmentIds?: number[];
}

/** Test data made through the gateway, as an admin (or, for tickets, anyone) would make it; unique by default. */
export function createDepartment(admin: ApiClient, input: DepartmentInput = {}): Promise<DepartmentView> {
  return bodyOf<DepartmentView>(admin.post('/api/departments', { name: uniqueName('Department'), ...input }), 201);
}

export function createStaff(admin: ApiClient, input: StaffInput = {}): Promise<StaffView> {
  return bodyOf<StaffView>(
    admin.post('/api/staff', {
      email: `${uniqueName('staff')}@staff.test`,
      name: 'Sam Staff',
      password: STAFF_PASSWORD,
      role: StaffRole.Staff,
      departmentIds: [],
      ...input,
    }),
    201,
  );
}

export function createClient(admin: ApiClient, input: ClientInput = {}): Promise<ClientView> {
  return bodyOf<ClientView>(
    admin.post('/api/clients', {
      email: `${uniqueName('client')}@client.test`,
      name: 'Casey Client',
      password: CLIENT_PASSWORD,
      ...input,
    }),
    201,
  );
}

export function createTicket(as: ApiClient, input: TicketInput): Promise<TicketView> {
  return bodyOf<TicketView>(
    as.post('/api/tickets', { subject: uniqueName('Printer on fire'), message: 'It is on fire.', ...input }),
    201,
  );
}

/** Every ticket `as` may list, through all pages. */
export async function listAllTickets(as: ApiClient, query = 'sort=id'): Promise<TicketSummary[]> {
  const tickets: TicketSummary[] = [];
  let cursor: string | null = null;
  do {
    const next: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page: Page<TicketSummary> = await bodyOf<Page<TicketSummary>>(
      as.get(`/api/tickets?${query}&limit=100${next}`),
    );
    tickets.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return tickets;
}
