import { Injectable } from '@nestjs/common';
import {
  AccessPatterns,
  ClientView,
  DepartmentView,
  DomainError,
  ErrorCode,
  Principal,
  StaffView,
} from '@helpdesk/contracts';
import { AccessClient } from '@helpdesk/messaging';

/** What the tickets service asks the access service (the owner of people and departments). */
@Injectable()
export class Directory {
  constructor(private readonly access: AccessClient) {}

  async activeDepartment(principal: Principal, id: number): Promise<DepartmentView> {
    const department = await this.access.send(AccessPatterns.GetDepartment, { principal, id });
    if (!department.active) {
      throw new DomainError(ErrorCode.DepartmentInactive, `Department "${department.name}" no longer takes tickets.`, {
        id,
      });
    }
    return department;
  }

  client(principal: Principal, id: number): Promise<ClientView> {
    return this.access.send(AccessPatterns.GetClient, { principal, id });
  }

  staffMember(principal: Principal, id: number): Promise<StaffView> {
    return this.access.send(AccessPatterns.GetStaff, { principal, id });
  }

  department(principal: Principal, id: number): Promise<DepartmentView> {
    return this.access.send(AccessPatterns.GetDepartment, { principal, id });
  }

  departments(principal: Principal): Promise<DepartmentView[]> {
    return this.access.send(AccessPatterns.ListDepartments, { principal });
  }

  allStaff(principal: Principal): Promise<StaffView[]> {
    return this.access.send(AccessPatterns.ListStaff, { principal });
  }

  /** The client or staff member with this address, or null. */
  async personByEmail(principal: Principal, email: string): Promise<Principal | null> {
    return (await this.access.send(AccessPatterns.FindPrincipalByEmail, { principal, email })).principal;
  }

  /** A client account (without a password: they work by email until they register) for an address. */
  createClient(principal: Principal, email: string, name: string): Promise<ClientView> {
    return this.access.send(AccessPatterns.CreateClient, { principal, email, name });
  }
}
