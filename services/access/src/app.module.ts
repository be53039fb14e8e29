import { Module } from '@nestjs/common';
import { QuotaKind } from '@helpdesk/contracts';
import { DatabaseModule } from '@helpdesk/database';
import { SystemModule } from '@helpdesk/messaging';
import { OutboxModule, OutboxRedriveModule } from '@helpdesk/outbox';

import { ApiTokensMessageController } from './api-tokens/api-tokens.message.controller';
import { ApiTokensRepository } from './api-tokens/api-tokens.repository';
import { ApiTokensService } from './api-tokens/api-tokens.service';
import { ClientsMessageController } from './clients/clients.message.controller';
import { ClientsRepository } from './clients/clients.repository';
import { ClientsService } from './clients/clients.service';
import { Client } from './clients/client.entity';
import { AuthMessageController } from './credentials/auth.message.controller';
import { QuotaUsageRepository } from './quotas/quota-usage.repository';
import { QuotasMessageController } from './quotas/quotas.message.controller';
import { QUOTA_LIMITS, QuotasService } from './quotas/quotas.service';
import { ACCOUNT_LINK_OPTIONS, AccountLinksService } from './account-mails/account-links.service';
import { AccountMailRequestsRepository } from './account-mails/account-mail-requests.repository';
import { AUTH_OPTIONS, AuthService } from './credentials/auth.service';
import { Credential } from './credentials/credential.entity';
import { CredentialsRepository } from './credentials/credentials.repository';
import {
  SIGN_IN_FAILURES_RETENTION,
  SignInFailuresMessageController,
} from './credentials/sign-in-failures.message.controller';
import { SignInFailuresRepository } from './credentials/sign-in-failures.repository';
import { PasswordHasher } from './credentials/password-hasher';
import { Department } from './departments/department.entity';
import { DepartmentsModule } from './departments/departments.module';
import { ACCESS_SCHEMA, AccessEnv } from './env';
import { SEED_OPTIONS, SeedService } from './seed/seed.service';
import { StaffMember } from './staff/staff-member.entity';
import { StaffMessageController } from './staff/staff.message.controller';
import { StaffRepository } from './staff/staff.repository';
import { StaffService } from './staff/staff.service';
import { CreateAccessSchema1764201600000 } from '../migrations/1764201600000-create-access-schema';
import { AddDepartmentAutoCloseDays1795737600000 } from '../migrations/1795737600000-add-department-auto-close-days';
import { AddDepartmentMailSettings1796342400000 } from '../migrations/1796342400000-add-department-mail-settings';
import { AddCredentialSessionVersion1796947200000 } from '../migrations/1796947200000-add-credential-session-version';
import { SignInFailuresPerAddress1796947200001 } from '../migrations/1796947200001-sign-in-failures-per-address';
import { CreateQuotaUsage1796947200002 } from '../migrations/1796947200002-create-quota-usage';
import { AddDepartmentClientsMayAddCc1797552000000 } from '../migrations/1797552000000-add-department-clients-may-add-cc';
import { CreateApiTokens1797555600000 } from '../migrations/1797555600000-create-api-tokens';
import { CreateAccountMailRequests1797600000000 } from '../migrations/1797600000000-create-account-mail-requests';
import { MailDirectoryMessageController } from './mail-directory/mail-directory.message.controller';

export const ACCESS_MIGRATIONS = [
  CreateAccessSchema1764201600000,
  AddDepartmentAutoCloseDays1795737600000,
  AddDepartmentMailSettings1796342400000,
  AddCredentialSessionVersion1796947200000,
  SignInFailuresPerAddress1796947200001,
  CreateQuotaUsage1796947200002,
  AddDepartmentClientsMayAddCc1797552000000,
  CreateApiTokens1797555600000,
  CreateAccountMailRequests1797600000000,
];

@Module({})
export class AppModule {
  static register(env: AccessEnv) {
    return {
      module: AppModule,
      imports: [
        SystemModule.forService('access'),
        OutboxRedriveModule.forService('access'),
        DatabaseModule.forRoot({
          url: env.DATABASE_URL,
          schema: ACCESS_SCHEMA,
          entities: [Department, StaffMember, Client, Credential],
          migrations: ACCESS_MIGRATIONS,
          poolSize: env.DATABASE_POOL_SIZE,
          applicationName: 'helpdesk-access',
          migrateOnStart: env.MIGRATE_ON_START,
        }),
        OutboxModule.forRoot({
          rabbitmqUrl: env.RABBITMQ_URL,
          schema: ACCESS_SCHEMA,
          pollIntervalMs: 1_000,
          batchSize: 200,
          retainPublishedMs: 7 * 86_400_000,
        }),
        DepartmentsModule,
      ],
      controllers: [
        ApiTokensMessageController,
        AuthMessageController,
        StaffMessageController,
        ClientsMessageController,
        MailDirectoryMessageController,
        QuotasMessageController,
        SignInFailuresMessageController,
      ],
      providers: [
        { provide: SIGN_IN_FAILURES_RETENTION, useValue: env.SIGN_IN_FAILURES_RETENTION },
        {
          provide: AUTH_OPTIONS,
          useValue: {
            registrationEnabled: env.ENABLE_CLIENT_REGISTRATION,
            maxFailures: env.LOGIN_MAX_FAILURES,
            maxFailuresPerAddress: env.LOGIN_MAX_FAILURES_PER_ADDRESS,
            addressWindowMs: env.LOGIN_ADDRESS_WINDOW,
          },
        },
        {
          provide: ACCOUNT_LINK_OPTIONS,
          useValue: {
            verifyEmailTtlMs: env.VERIFY_EMAIL_LINK_TTL,
            resetPasswordTtlMs: env.PASSWORD_RESET_LINK_TTL,
            perAddressPerHour: env.ACCOUNT_MAILS_PER_ADDRESS_PER_HOUR,
            perRemoteAddressPerHour: env.ACCOUNT_MAILS_PER_REMOTE_ADDRESS_PER_HOUR,
          },
        },
        AccountLinksService,
        AccountMailRequestsRepository,
        {
          provide: SEED_OPTIONS,
          useValue: { adminEmail: env.SEED_ADMIN_EMAIL, adminPassword: env.SEED_ADMIN_PASSWORD, demo: env.SEED_DEMO },
        },
        ApiTokensRepository,
        ApiTokensService,
        AuthService,
        ClientsRepository,
        ClientsService,
        CredentialsRepository,
        PasswordHasher,
        {
          provide: QUOTA_LIMITS,
          useValue: {
            [QuotaKind.Tickets]: env.QUOTA_TICKETS_PER_HOUR,
            [QuotaKind.Replies]: env.QUOTA_REPLIES_PER_HOUR,
            [QuotaKind.Uploads]: env.QUOTA_UPLOADS_PER_HOUR,
          },
        },
        QuotasService,
        QuotaUsageRepository,
        SeedService,
        SignInFailuresRepository,
        StaffRepository,
        StaffService,
      ],
    };
  }
}
