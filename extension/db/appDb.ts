import Dexie, { type EntityTable } from 'dexie';
import type { EntityName, EntityRecord } from '../../shared/api/entities';
import type { Mutation } from '../../shared/api/sync';
import { derivedFieldsMiddleware, withDerivedFields } from './derivedFields';

/** An unsent change. Kept until the server answers applied; a rejection stays for the user. */
export interface OutboxEntry {
  seq?: number;
  mutationId: string;
  entity: Mutation['entity'];
  recordId: string;
  status: 'pending' | 'rejected';
  mutation: Mutation;
  error?: { code: string; message: string; field?: string };
  /**
   * The sync schema version this entry was written for. Nothing reads it yet: the day a
   * schema change alters a mutation's shape, the database upgrade that ships with it rewrites
   * older entries (as v2 below filled this in), so the pusher only ever sends current ones.
   */
  schemaVersion: number;
  queuedAt: number;
}

export interface MetaEntry {
  key: string;
  value: unknown;
}

type Tables = { [E in EntityName]: EntityTable<EntityRecord<E>, 'id'> };

/** The layout shipped first (sync schema 1). Never edit a shipped version; add a new one. */
export const STORES_V1 = {
  company: 'id, name, ownerId, updatedAt',
  contact: 'id, name, ownerId, companyId, updatedAt, *emails',
  deal: 'id, ownerId, companyId, contactId, stageId, updatedAt',
  followUp: 'id, ownerId, dueAt, dealId, contactId',
  activity: 'id, ownerId, occurredAt, dealId, contactId, companyId',
  stageChange: 'id, dealId, changedAt',
  outbox: '++seq, &mutationId, recordId, status',
  meta: 'key',
} as const;

/** The layout with search and list indexes (derived fields `_words`, `_sort`, `_live`). */
export const STORES_V3 = {
  contact: 'id, name, ownerId, companyId, updatedAt, *emails, *_words, [_live+_sort], [ownerId+_live+_sort]',
  company: 'id, name, ownerId, updatedAt, *_words, [_live+_sort], [ownerId+_live+_sort]',
  deal: 'id, ownerId, companyId, contactId, stageId, updatedAt, *_words, [_live+updatedAt], [ownerId+_live+updatedAt]',
  followUp: 'id, ownerId, dueAt, dealId, contactId, *_words, [_live+dueAt], [ownerId+_live+dueAt]',
} as const;

/**
 * The local cache: one table per synced entity (rows exactly as the server sends them, plus
 * optimistic local changes), the outbox, and a small key-value table for session and cursor.
 * Extension pages and the background share it; content scripts (web origins) cannot open it,
 * which is why the API token lives here rather than in chrome.storage.local.
 */
export class AppDb extends Dexie {
  declare company: Tables['company'];
  declare contact: Tables['contact'];
  declare deal: Tables['deal'];
  declare followUp: Tables['followUp'];
  declare activity: Tables['activity'];
  declare stageChange: Tables['stageChange'];
  declare outbox: EntityTable<OutboxEntry, 'seq'>;
  declare meta: EntityTable<MetaEntry, 'key'>;
  /** Set by a first sync: rows are written without search keys, which reindexSearch adds after. */
  deferSearchKeys = false;
  /** Counts first syncs, so a re-keying that overlapped one does not claim the keys are current. */
  searchKeysGeneration = 0;

  constructor(name = 'sidecar') {
    super(name);
    this.use(derivedFieldsMiddleware(() => this.deferSearchKeys));
    // Each shipped layout stays declared; Dexie upgrades an older database step by step on open.
    // tests/fixtures/dexie/ holds a database of every earlier version to prove it.
    this.version(1).stores(STORES_V1);
    // v2: the pusher reads "pending, oldest first, 100 at a time" straight from an index
    // instead of loading and sorting every pending entry.
    this.version(2)
      .stores({ outbox: '++seq, &mutationId, recordId, status, [status+seq]' })
      .upgrade(async (tx) => {
        await tx
          .table<OutboxEntry>('outbox')
          .toCollection()
          .modify((entry) => {
            entry.schemaVersion ??= 1;
          });
      });
    // v3: lists and search read indexes instead of every row (derived fields: db/derivedFields.ts).
    // Live rows in list order, per owner too; search keys.
    this.version(3)
      .stores(STORES_V3)
      .upgrade(async (tx) => {
        for (const entity of ['contact', 'company', 'deal', 'followUp'] as const) {
          await tx
            .table(entity)
            .toCollection()
            .modify((row: Record<string, unknown>) => {
              Object.assign(row, withDerivedFields(entity, row));
            });
        }
      });
  }

  /** The oldest unsent entries, in the order they were made. */
  pendingOutbox(limit: number): Promise<OutboxEntry[]> {
    return this.outbox.where('[status+seq]').between(['pending', Dexie.minKey], ['pending', Dexie.maxKey]).limit(limit).toArray();
  }

  /** The table holding one synced entity. */
  records<E extends EntityName>(entity: E): Tables[E] {
    return this[entity] as Tables[E];
  }
}

let instance: AppDb | undefined;
export function getDb(): AppDb {
  instance ??= new AppDb();
  return instance;
}
