import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { StaffRole } from '@helpdesk/contracts';
import { DataSource } from 'typeorm';

import { ClientsService } from '../clients/clients.service';
import { CredentialsRepository } from '../credentials/credentials.repository';
import { PasswordHasher } from '../credentials/password-hasher';
import { DepartmentsRepository } from '../departments/departments.repository';
import { StaffRepository } from '../staff/staff.repository';

export const SEED_OPTIONS = Symbol('SEED_OPTIONS');
export interface SeedOptions {
  adminEmail: string;
  adminPassword: string;
  demo: boolean;
}

export const DEMO_PASSWORD = 'demo-password';
const DEMO_DEPARTMENTS = ['Sales', 'Billing', 'Technical Support'];

/**
 * At start: the first administrator from SEED_ADMIN_EMAIL/SEED_ADMIN_PASSWORD when none exists,
 * and with SEED_DEMO the demo departments, one agent each and a client. Runs once across
 * replicas (advisory lock) and never overwrites what exists.
 */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    @Inject(SEED_OPTIONS) private readonly options: SeedOptions,
    private readonly dataSource: DataSource,
    private readonly departments: DepartmentsRepository,
    private readonly staff: StaffRepository,
    private readonly clients: ClientsService,
    private readonly credentials: CredentialsRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext('helpdesk-seed:access'))`);
      await this.seedAdmin();
      if (this.options.demo) {
        await this.seedDemo();
      }
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext('helpdesk-seed:access'))`).catch(() => undefined);
      await runner.release();
    }
  }

  private async seedAdmin(): Promise<void> {
    const admins = await this.staff.countActiveAdmins(this.dataSource.manager);
    if (admins > 0) {
      return;
    }
    if (!this.options.adminPassword) {
      this.logger.warn('There is no administrator yet: set SEED_ADMIN_EMAIL and SEED_ADMIN_PASSWORD to create one.');
      return;
    }
    await this.createStaffUnlessTaken(
      this.options.adminEmail,
      'Administrator',
      StaffRole.Admin,
      [],
      this.options.adminPassword,
    );
    this.logger.log(`Created the first administrator '${this.options.adminEmail}'`);
  }

  private async seedDemo(): Promise<void> {
    const existing = await this.departments.findAll();
    for (const name of DEMO_DEPARTMENTS) {
      const department = existing.find((d) => d.name === name) ?? (await this.departments.save({ name, active: true }));
      const slug = name.toLowerCase().replace(/[^a-z]+/g, '-');
      await this.createStaffUnlessTaken(
        `${slug}@example.com`,
        `${name} Agent`,
        StaffRole.Staff,
        [department.id],
        DEMO_PASSWORD,
      );
    }
    if (!(await this.credentials.findByEmail('client@example.com'))) {
      await this.clients.register({ email: 'client@example.com', name: 'Casey Client', password: DEMO_PASSWORD });
    }
  }

  private async createStaffUnlessTaken(
    email: string,
    name: string,
    role: StaffRole,
    departmentIds: number[],
    password: string,
  ): Promise<void> {
    if (await this.credentials.findByEmail(email)) {
      return;
    }
    const passwordHash = await this.hasher.hash(password);
    await this.staff.save(undefined, { email, name, role, active: true, departmentIds, passwordHash });
  }
}
