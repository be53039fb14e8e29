import { Injectable } from '@nestjs/common';
import { ApiScope, PrincipalKind } from '@helpdesk/contracts';
import { DataSource } from 'typeorm';

export interface ApiTokenRow {
  id: string;
  kind: PrincipalKind;
  subjectId: number;
  name: string;
  scopes: ApiScope[];
  secretHash: Buffer;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface ApiTokenOwnerRow extends ApiTokenRow {
  ownerName: string;
  ownerEmail: string;
}

export interface Owner {
  kind: PrincipalKind;
  subjectId: number;
}

const COLUMNS = `t."id", t."kind", t."subject_id" AS "subjectId", t."name", t."scopes", t."secret_hash" AS "secretHash",
  t."created_at" AS "createdAt", t."expires_at" AS "expiresAt", t."last_used_at" AS "lastUsedAt",
  t."revoked_at" AS "revokedAt"`;

/** The newest tokens an administrator's list shows. */
const ADMIN_LIST_LIMIT = 200;

@Injectable()
export class ApiTokensRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the token unless its owner already holds `max` unrevoked ones; null then. The owner's
   * credential row is locked first, so two concurrent creates cannot both pass the count.
   */
  async insert(
    owner: Owner,
    token: { name: string; scopes: ApiScope[]; secretHash: Buffer; expiresAt: Date | null },
    max: number,
  ): Promise<ApiTokenRow | null> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT 1 FROM "access"."credentials" WHERE "kind" = $1 AND "subject_id" = $2 FOR UPDATE`, [
        owner.kind,
        owner.subjectId,
      ]);
      const [{ count }]: { count: number }[] = await manager.query(
        `SELECT count(*)::int AS "count" FROM "access"."api_tokens"
          WHERE "kind" = $1 AND "subject_id" = $2 AND "revoked_at" IS NULL`,
        [owner.kind, owner.subjectId],
      );
      if (count >= max) {
        return null;
      }
      const rows: ApiTokenRow[] = await manager.query(
        `INSERT INTO "access"."api_tokens" AS t ("kind", "subject_id", "name", "scopes", "secret_hash", "expires_at")
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
        [owner.kind, owner.subjectId, token.name, token.scopes, token.secretHash, token.expiresAt],
      );
      return rows[0];
    });
  }

  async findById(id: string): Promise<ApiTokenRow | null> {
    const rows: ApiTokenRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM "access"."api_tokens" t WHERE t."id" = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The owner's unrevoked tokens, newest first (at most API_TOKENS_PER_ACCOUNT of them). */
  findByOwner(owner: Owner): Promise<ApiTokenRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM "access"."api_tokens" t
        WHERE t."kind" = $1 AND t."subject_id" = $2 AND t."revoked_at" IS NULL
        ORDER BY t."created_at" DESC, t."id"`,
      [owner.kind, owner.subjectId],
    );
  }

  /** Unrevoked tokens of everyone, or of one owner, newest first, with their owner's name. */
  findAll(owner: Owner | null): Promise<ApiTokenOwnerRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS}, coalesce(s."name", c."name") AS "ownerName", coalesce(s."email", c."email") AS "ownerEmail"
         FROM "access"."api_tokens" t
         LEFT JOIN "access"."staff" s ON t."kind" = 'staff' AND s."id" = t."subject_id"
         LEFT JOIN "access"."clients" c ON t."kind" = 'client' AND c."id" = t."subject_id"
        WHERE t."revoked_at" IS NULL AND ($1::text IS NULL OR (t."kind" = $1 AND t."subject_id" = $2::int))
        ORDER BY t."created_at" DESC, t."id"
        LIMIT ${ADMIN_LIST_LIMIT}`,
      [owner?.kind ?? null, owner?.subjectId ?? null],
    );
  }

  /** Revokes the token (of `owner` only, when given); false when there is no such token. */
  async revoke(id: string, owner: Owner | null): Promise<boolean> {
    const [, revoked]: [unknown, number] = await this.dataSource.query(
      `UPDATE "access"."api_tokens" SET "revoked_at" = coalesce("revoked_at", now())
        WHERE "id" = $1 AND ($2::text IS NULL OR ("kind" = $2 AND "subject_id" = $3::int))`,
      [id, owner?.kind ?? null, owner?.subjectId ?? null],
    );
    return revoked > 0;
  }

  /** At most one write a minute per token, however often it is used. */
  async noteUse(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE "access"."api_tokens" SET "last_used_at" = now()
        WHERE "id" = $1 AND ("last_used_at" IS NULL OR "last_used_at" < now() - interval '1 minute')`,
      [id],
    );
  }
}
