import { MigrationInterface, QueryRunner } from 'typeorm';

/** R-HOOK-2, R-ROB-3: side effects written with the change that causes them, relayed to Bull by the worker. */
export class Outbox1795610000000 implements MigrationInterface {
  name = 'Outbox1795610000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "outbox_messages" ("id" BIGSERIAL NOT NULL, "topic" text NOT NULL, "dedupe_key" text NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "outbox_messages_dedupe_key" UNIQUE ("dedupe_key"), CONSTRAINT "PK_0171348f527c64b137e4d4f5b66" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "outbox_messages_sent_at_idx" ON "outbox_messages" ("sent_at") `);
    await queryRunner.query(`CREATE INDEX "outbox_messages_unsent_idx" ON "outbox_messages" ("id") WHERE "sent_at" IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."outbox_messages_unsent_idx"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_messages_sent_at_idx"`);
    await queryRunner.query(`DROP TABLE "outbox_messages"`);
  }
}
