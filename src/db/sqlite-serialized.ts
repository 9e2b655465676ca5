// Works around @prisma/adapter-better-sqlite3 7.x: it has one connection, and only its interactive
// transactions take its lock. A query made outside a transaction while another caller's transaction
// is open runs on that same connection, inside that transaction — and when the transaction rolls back
// (a refused redemption, a lost race), the outside write is undone too, after it was reported written.
// Here every statement outside a transaction waits its turn behind open transactions, on one lock.
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";

type Release = () => void;

function queue(): () => Promise<Release> {
  let tail: Promise<void> = Promise.resolve();
  return () => {
    let release!: Release;
    const done = new Promise<void>((r) => (release = r));
    const ready = tail.then(() => release);
    tail = tail.then(() => done);
    return ready;
  };
}

function once(release: Release): Release {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    release();
  };
}

function lockedTransaction(tx: Transaction, release: Release): Transaction {
  const free = once(release);
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === "commit" || prop === "rollback") return () => target[prop]().finally(free);
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function serialized(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const acquire = queue();
  const locked = async <T>(run: () => Promise<T>): Promise<T> => {
    const release = await acquire();
    try {
      return await run();
    } finally {
      release();
    }
  };
  return new Proxy(adapter, {
    get(target, prop) {
      if (prop === "queryRaw") return (q: Parameters<SqlDriverAdapter["queryRaw"]>[0]) => locked(() => target.queryRaw(q));
      if (prop === "executeRaw") return (q: Parameters<SqlDriverAdapter["executeRaw"]>[0]) => locked(() => target.executeRaw(q));
      if (prop === "executeScript") return (script: string) => locked(() => target.executeScript(script));
      if (prop === "startTransaction") {
        return async (isolation?: Parameters<SqlDriverAdapter["startTransaction"]>[0]) => {
          const release = await acquire();
          try {
            return lockedTransaction(await target.startTransaction(isolation), release);
          } catch (e) {
            release();
            throw e;
          }
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The SQLite adapter factory whose connections keep outside statements out of open transactions. */
export function serializedSqlite(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => serialized(await factory.connect()),
    connectToShadowDb: async () => serialized(await factory.connectToShadowDb()),
  };
}
