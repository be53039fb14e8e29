/*
 * WIRE-LEVEL NAMES: events the access service publishes (through its outbox) so that services
 * keeping copies of names, such as the tickets list, can follow renames.
 */
export const AccessEvents = {
  DepartmentUpdated: 'department.updated',
  StaffUpdated: 'staff.updated',
  ClientUpdated: 'client.updated',
} as const;

export interface DepartmentUpdatedPayload {
  id: number;
  name: string;
  active: boolean;
  /** As in DepartmentView; absent on events published before auto-close existed. */
  autoCloseDays?: number | null;
  /** The department's updatedAt (ISO): copies apply an event only if it is not older than what they hold. */
  updatedAt?: string;
}

export interface StaffUpdatedPayload {
  id: number;
  name: string;
  email: string;
  active: boolean;
  departmentIds: number[];
}

export interface ClientUpdatedPayload {
  id: number;
  name: string;
  email: string;
}
