import { Injectable } from '@nestjs/common';
import { PrincipalKind } from '@helpdesk/contracts';
import { DataSource, EntityManager } from 'typeorm';

import { Credential } from './credential.entity';

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

@Injectable()
export class CredentialsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByEmail(email: string): Promise<Credential | null> {
    return this.dataSource.getRepository(Credential).findOneBy({ email: normaliseEmail(email) });
  }

  findBySubject(kind: PrincipalKind, subjectId: number): Promise<Credential | null> {
    return this.dataSource.getRepository(Credential).findOneBy({ kind, subjectId });
  }

  /**
   * Inside the transaction that creates or renames the staff member or client. A new password,
   * or `endSessions`, ends every session the account has.
   */
  async upsert(
    manager: EntityManager,
    subject: { kind: PrincipalKind; subjectId: number; email: string; unverified?: boolean },
    passwordHash?: string | null,
    endSessions = false,
  ): Promise<void> {
    const repository = manager.getRepository(Credential);
    const existing = await repository.findOneBy({ kind: subject.kind, subjectId: subject.subjectId });
    const { unverified, ...key } = subject;
    const email = normaliseEmail(subject.email);
    if (existing && existing.email !== email) {
      await repository.update({ email: existing.email }, { email });
    }
    if (!existing) {
      await repository.insert({
        ...key,
        email,
        passwordHash: passwordHash ?? null,
        emailVerifiedAt: unverified ? null : new Date(),
      });
    } else if (passwordHash !== undefined || endSessions) {
      await repository.update(
        { email },
        {
          ...(passwordHash !== undefined ? { passwordHash } : {}),
          sessionVersion: () => '"session_version" + 1',
        },
      );
    }
  }

  /** The mailed link was opened: the address is the account holder's. */
  async markVerified(manager: EntityManager, kind: PrincipalKind, subjectId: number): Promise<void> {
    await manager
      .getRepository(Credential)
      .update({ kind, subjectId }, { emailVerifiedAt: () => 'coalesce("email_verified_at", now())' });
  }

  /** A password set through a reset link: the address is confirmed too, and every session ends. */
  async resetPassword(
    manager: EntityManager,
    kind: PrincipalKind,
    subjectId: number,
    passwordHash: string,
  ): Promise<Credential> {
    const repository = manager.getRepository(Credential);
    await repository.update(
      { kind, subjectId },
      {
        passwordHash,
        sessionVersion: () => '"session_version" + 1',
        emailVerifiedAt: () => 'coalesce("email_verified_at", now())',
      },
    );
    return repository.findOneByOrFail({ kind, subjectId });
  }
}
