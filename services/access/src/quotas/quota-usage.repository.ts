import { Injectable } from '@nestjs/common';
import { QuotaKind } from '@helpdesk/contracts';
import { DataSource } from 'typeorm';

@Injectable()
export class QuotaUsageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Counts one use in the current clock hour and answers how many there now are, and when the
   * hour ends; the account's hours before the last are dropped on the way.
   */
  async countOne(account: string, kind: QuotaKind): Promise<{ used: number; hourEndsAt: Date }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `DELETE FROM "access"."quota_usage" WHERE "account" = $1 AND "hour" < date_trunc('hour', now()) - interval '1 hour'`,
        [account],
      );
      const [row]: { used: number; hour_ends_at: Date }[] = await manager.query(
        `INSERT INTO "access"."quota_usage" ("account", "kind", "hour", "used")
         VALUES ($1, $2, date_trunc('hour', now()), 1)
         ON CONFLICT ("account", "kind", "hour") DO UPDATE SET "used" = "quota_usage"."used" + 1
         RETURNING "used", "hour" + interval '1 hour' AS "hour_ends_at"`,
        [account, kind],
      );
      return { used: row.used, hourEndsAt: row.hour_ends_at };
    });
  }
}
