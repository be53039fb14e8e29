import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Failed sign-ins per (account address, remote address), for accounts that exist and those that
 * do not alike, so that throttling never tells which is which.
 */
@Injectable()
export class SignInFailuresRepository {
  constructor(private readonly dataSource: DataSource) {}

  async lockedUntil(email: string, address: string): Promise<Date | null> {
    const rows: { locked_until: Date | null }[] = await this.dataSource.query(
      `SELECT "locked_until" FROM "access"."sign_in_failures" WHERE "email" = $1 AND "address" = $2`,
      [email, address],
    );
    return rows[0]?.locked_until ?? null;
  }

  /**
   * In one statement, for checks on every request (API tokens): the pair's failures in a row and
   * lock, and the failures from `address` against any account in rows touched since `since`.
   */
  async state(
    email: string,
    address: string,
    since: Date,
  ): Promise<{ failures: number; lockedUntil: Date | null; failuresFromAddress: number }> {
    const [row]: { failures: number | null; locked_until: Date | null; from_address: string | null }[] =
      await this.dataSource.query(
        `SELECT max("failures") FILTER (WHERE "email" = $1) AS "failures",
                max("locked_until") FILTER (WHERE "email" = $1) AS "locked_until",
                sum("failures") FILTER (WHERE "last_failed_at" > $3) AS "from_address"
           FROM "access"."sign_in_failures" WHERE "address" = $2`,
        [email, address, since],
      );
    return {
      failures: row?.failures ?? 0,
      lockedUntil: row?.locked_until ?? null,
      failuresFromAddress: Number(row?.from_address ?? 0),
    };
  }

  /** Failures from `address`, against any account, in rows touched since `since`. */
  async failuresFrom(address: string, since: Date): Promise<number> {
    const rows: { failures: string | null }[] = await this.dataSource.query(
      `SELECT sum("failures") AS "failures" FROM "access"."sign_in_failures"
        WHERE "address" = $1 AND "last_failed_at" > $2`,
      [address, since],
    );
    return Number(rows[0]?.failures ?? 0);
  }

  /** Counts one more failure of the pair and locks it for `lockFor(failures in a row)` ms. */
  async record(email: string, address: string, lockFor: (failures: number) => number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [{ failures }]: { failures: number }[] = await manager.query(
        `INSERT INTO "access"."sign_in_failures" ("email", "address", "failures", "last_failed_at")
         VALUES ($1, $2, 1, now())
         ON CONFLICT ("email", "address")
           DO UPDATE SET "failures" = "sign_in_failures"."failures" + 1, "last_failed_at" = now()
         RETURNING "failures"`,
        [email, address],
      );
      const lockMs = lockFor(failures);
      if (lockMs > 0) {
        await manager.query(
          `UPDATE "access"."sign_in_failures" SET "locked_until" = now() + make_interval(secs => $3)
            WHERE "email" = $1 AND "address" = $2`,
          [email, address, lockMs / 1000],
        );
      }
    });
  }

  /** Forgets pairs whose last failure is older than `before` and whose lock has ended; answers how many. */
  async purge(before: Date): Promise<number> {
    const [, removed]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM "access"."sign_in_failures"
        WHERE "last_failed_at" < $1 AND ("locked_until" IS NULL OR "locked_until" < now())`,
      [before],
    );
    return removed;
  }

  async clear(email: string, address: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "access"."sign_in_failures" WHERE "email" = $1 AND "address" = $2`, [
      email,
      address,
    ]);
  }
}
