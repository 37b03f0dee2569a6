import { sql, type SQL } from 'drizzle-orm';
import { DRILL_LIMIT, type DrillRecord } from '../../shared/api/reports';
import type { Db } from '../env';
import { readAll } from './readBatch';

/** The deals whose ids `ids` selects, as drill-down rows (at most DRILL_LIMIT + 1, to tell truncation). */
export async function dealRecords(db: Db, ids: SQL, at: 'created' | 'expectedClose'): Promise<DrillRecord[]> {
  const column = sql.raw(at === 'created' ? 'created_at' : 'expected_close_at');
  const rows = await readAll<DrillRecord>(db, sql`
    SELECT 'deal' AS entity, id, title, owner_id AS ownerId, ${column} AS at, stage_id AS stageId, amount_minor AS amountMinor, currency FROM deals
    WHERE id IN (${ids}) ORDER BY ${column} DESC, id LIMIT ${DRILL_LIMIT + 1}`);
  return rows;
}

/** Follow-ups by id, with their due time. */
export async function followUpRecords(db: Db, ids: SQL): Promise<DrillRecord[]> {
  return readAll<DrillRecord>(db, sql`
    SELECT 'followUp' AS entity, id, title, owner_id AS ownerId, due_at AS at, NULL AS stageId, NULL AS amountMinor, NULL AS currency FROM follow_ups
    WHERE id IN (${ids}) ORDER BY due_at DESC, id LIMIT ${DRILL_LIMIT + 1}`);
}

/** Activities by id, with the time they were recorded. */
export async function activityRecords(db: Db, ids: SQL): Promise<DrillRecord[]> {
  return readAll<DrillRecord>(db, sql`
    SELECT 'activity' AS entity, id, coalesce(nullif(subject, ''), substr(body, 1, 80)) AS title, owner_id AS ownerId, recorded_at AS at, NULL AS stageId, NULL AS amountMinor, NULL AS currency FROM activities
    WHERE id IN (${ids}) ORDER BY recorded_at DESC, id LIMIT ${DRILL_LIMIT + 1}`);
}
