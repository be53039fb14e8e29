import { Injectable } from '@nestjs/common';
import { PrincipalKind } from '@helpdesk/contracts';
import { DataSource, In, Repository } from 'typeorm';

import { Attachment, AttachmentStatus } from './attachment.entity';

export interface NewAttachment {
  ownerKind: PrincipalKind;
  ownerId: number;
  filename: string;
  contentType: string;
  objectKey: string;
}

export interface SweepCutoffs {
  /** Stored uploads created before this and on no message. */
  storedBefore: Date;
  /** Pending rows (failed or interrupted writes) created before this. */
  pendingBefore: Date;
  /** Skip uploads a message claimed after this: its transaction may still be committing. */
  claimedBefore: Date;
}

@Injectable()
export class AttachmentsRepository {
  private readonly attachments: Repository<Attachment>;

  constructor(dataSource: DataSource) {
    this.attachments = dataSource.getRepository(Attachment);
  }

  /** Records an object about to be written, before its first byte reaches S3. */
  insertPending(attachment: NewAttachment): Promise<Attachment> {
    return this.attachments.save(
      this.attachments.create({ ...attachment, status: AttachmentStatus.Pending, createdAt: new Date() }),
    );
  }

  async markStored(attachment: Attachment, size: number, sha256: string): Promise<Attachment> {
    await this.attachments.update({ id: attachment.id }, { status: AttachmentStatus.Stored, size, sha256 });
    return { ...attachment, status: AttachmentStatus.Stored, size, sha256 };
  }

  /** What an account's files take up, linked or not. */
  async bytesOwnedBy(owner: { kind: PrincipalKind; id: number }): Promise<number> {
    const { total } = (await this.attachments
      .createQueryBuilder('attachment')
      .select('coalesce(sum(attachment.size), 0)', 'total')
      .where('attachment.ownerKind = :kind AND attachment.ownerId = :id', { kind: owner.kind, id: owner.id })
      .getRawOne<{ total: string }>()) ?? { total: '0' };
    return Number(total);
  }

  async findStored(id: number): Promise<Attachment | null> {
    return this.attachments.findOneBy({ id, status: AttachmentStatus.Stored });
  }

  findStoredByIds(ids: number[]): Promise<Attachment[]> {
    return this.attachments.findBy({ id: In(ids), status: AttachmentStatus.Stored });
  }

  async markClaimed(ids: number[]): Promise<void> {
    await this.attachments.update({ id: In(ids) }, { claimedAt: new Date() });
  }

  /** Records the message attachments were linked to; a repeat (a redelivered event) changes nothing. */
  async link(ids: number[], ticketId: number, messageId: number): Promise<number> {
    const result = await this.attachments
      .createQueryBuilder()
      .update()
      .set({ ticketId, messageId, linkedAt: () => 'now()' })
      .where({ id: In(ids) })
      .andWhere('message_id IS NULL')
      .execute();
    return result.affected ?? 0;
  }

  /** Uploads no message took in time, and pending rows of failed writes, oldest first. */
  findSweepable(cutoffs: SweepCutoffs, limit: number): Promise<Attachment[]> {
    return this.attachments
      .createQueryBuilder('attachment')
      .where('attachment.message_id IS NULL')
      .andWhere(
        `((attachment.status = 'stored' AND attachment.created_at < :storedBefore)
          OR (attachment.status = 'pending' AND attachment.created_at < :pendingBefore))`,
        cutoffs,
      )
      .andWhere('(attachment.claimed_at IS NULL OR attachment.claimed_at < :claimedBefore)', cutoffs)
      .orderBy('attachment.created_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  async delete(ids: number[]): Promise<void> {
    if (ids.length > 0) {
      await this.attachments.delete({ id: In(ids) });
    }
  }
}
