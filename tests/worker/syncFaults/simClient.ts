import { ulid } from 'ulidx';
import type { EntityName, WritableEntity } from '../../../shared/api/entities';
import type { Mutation } from '../../../shared/api/sync';
import { withoutDerivedFields } from '../../../extension/db/derivedFields';
import { AppDb } from '../../../extension/db/appDb';
import { writeLocal, type LocalChange } from '../../../extension/db/localWrite';
import { discardRejected } from '../../../extension/sync/rejected';
import { createApiClient } from '../../../extension/sync/apiClient';
import { syncOnce } from '../../../extension/sync/syncOnce';
import { FaultyNetwork } from './faultyNetwork';

/**
 * One device running the extension's real Dexie layer and sync code (on fake-indexeddb) against
 * the real worker and D1, through a network that can fail. restart() drops everything in memory
 * and reopens the database, like a browser or service-worker restart.
 */
export class SimClient {
  db: AppDb;
  readonly network: FaultyNetwork;
  readonly clientId = ulid();
  private readonly dbName = `sim-${ulid()}`;

  constructor(
    readonly label: string,
    readonly user: { id: string; teamId: string; role: string; token: string },
    parked: Request[],
    private readonly record: (m: Mutation) => void,
  ) {
    this.db = new AppDb(this.dbName);
    this.network = new FaultyNetwork(parked);
  }

  async write(changes: LocalChange[]): Promise<void> {
    const before = await this.db.outbox.toCollection().primaryKeys();
    await writeLocal(this.db, this.user, changes);
    const added = await this.db.outbox.where('seq').noneOf(before as number[]).toArray();
    for (const entry of added) this.record(entry.mutation);
  }

  /** Why the last sync failed, for the assertion message. */
  lastError: unknown = null;

  async sync(): Promise<'ok' | 'failed'> {
    const api = createApiClient('https://api.test', this.user.token, this.network.fetch);
    try {
      await syncOnce(this.db, api, this.clientId);
      this.lastError = null;
      return 'ok';
    } catch (err) {
      this.lastError = err;
      return 'failed';
    }
  }

  async restart(): Promise<void> {
    this.db.close();
    this.db = new AppDb(this.dbName);
    await this.db.open();
  }

  async pick(entity: WritableEntity, n: number, filter: (row: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown> | undefined> {
    const rows = (await this.db.records(entity).toArray()) as unknown as Record<string, unknown>[];
    const candidates = rows.filter(filter).sort((a, b) => String(a.id).localeCompare(String(b.id)));
    return candidates.length > 0 ? candidates[n % candidates.length] : undefined;
  }

  async discardAllRejected(): Promise<number> {
    const rejected = await this.db.outbox.where('status').equals('rejected').toArray();
    for (const entry of rejected) await discardRejected(this.db, entry.seq!);
    return rejected.length;
  }

  async cache(entity: EntityName): Promise<Map<string, unknown>> {
    // Search and list keys are local-only; the server's rows never carry them.
    const rows = ((await this.db.records(entity).toArray()) as unknown as { id: string }[]).map(withoutDerivedFields);
    return new Map(rows.map((r) => [r.id, r]));
  }
}
