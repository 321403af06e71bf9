import type { Connection } from 'mongoose';

/**
 * Runs a data migration unless an earlier start finished it: a marker in the `migrations` collection, written after
 * `migrate` returns, makes later starts one lookup by _id. `migrate` must be safe to repeat and to run on several
 * instances at once (a crash before the marker, or two instances starting together, run it again).
 */
export async function runMigrationOnce(
  connection: Connection,
  id: string,
  migrate: () => Promise<void>,
): Promise<void> {
  const migrations = connection.collection<{ _id: string; doneAt: Date }>('migrations');
  if (await migrations.findOne({ _id: id })) return;
  await migrate();
  await migrations
    .updateOne({ _id: id }, { $set: { doneAt: new Date() } }, { upsert: true })
    .catch((error: { code?: number }) => {
      if (error.code !== 11000) throw error; // another instance wrote it at the same moment
    });
}
