import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `users.sessionEpoch`: the generation of a user's login sessions. Session JWTs carry it and are
 * refused once it has moved on. Existing rows start at 0, which is also what a session JWT issued
 * before this migration counts as, so deploying it logs nobody out.
 */
export class UserSessionEpoch1766000000000 implements MigrationInterface {
  name = 'UserSessionEpoch1766000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE users ADD COLUMN "sessionEpoch" integer NOT NULL DEFAULT 0 CHECK ("sessionEpoch" >= 0)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN "sessionEpoch"`);
  }
}
