import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sellerAccounts, users } from "@/db/schema";
import { seed } from "@/scripts/seed-data/seed";
import { createCaller } from "@/server/api/root";
import type { SessionUser } from "@/server/api/session";
import { isRole, type Role } from "@/server/domain/people/roles";
import { openTestDatabase } from "./test-database";

export interface TestWorld {
  db: Db;
  accounts: { id: number; cnpj: string }[];
  userByEmail: (email: string) => SessionUser;
  callerFor: (email: string | null, staffAccountId?: number | null) => ReturnType<typeof createCaller>;
  close: () => void;
}

export const FIXED_NOW = Date.UTC(2026, 10, 20, 15, 0, 0);

/** A real database (a SQLite file, or PostgreSQL: see test-database.ts), migrated and seeded like production. */
export async function createTestWorld(ordersPerAccount = 60): Promise<TestWorld> {
  const { db, drop } = openTestDatabase();
  await seed(db, { accounts: 2, ordersPerAccount, now: FIXED_NOW });
  const accounts = db.select({ id: sellerAccounts.id, cnpj: sellerAccounts.cnpj }).from(sellerAccounts).all();

  function userByEmail(email: string): SessionUser {
    const row = db.select().from(users).where(eq(users.email, email)).get();
    if (!row || !isRole(row.role)) throw new Error(`No user ${email}`);
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      role: row.role as Role,
      sellerAccountId: row.sellerAccountId,
    };
  }

  return {
    db,
    accounts,
    userByEmail,
    callerFor: (email, staffAccountId = null) =>
      createCaller({ db, user: email ? userByEmail(email) : null, staffAccountId, resHeaders: new Headers() }),
    close: drop,
  };
}

export const EMAILS = {
  sellerA: "vendedor@lojaaurora.com.br",
  managerA: "gestor@lojaaurora.com.br",
  sellerB: "vendedor@casaverde.com.br",
  managerB: "gestor@casaverde.com.br",
  support: "suporte@fluxo.com.br",
  admin: "admin@fluxo.com.br",
} as const;
