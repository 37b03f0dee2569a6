import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { ulid } from 'ulidx';
import type { MergeableEntity, MergeRequest } from '../../../shared/api/merge';
import { mergeDependents } from '../../../shared/rules/mergeDependents';
import { canWrite } from '../../../shared/rules/visibility';
import { callApi, failureOf } from '../../messaging/sendToBackground';
import { useApp } from '../appContext';
import { defaultPicks, defaultSurvivor, differingFields, mergeFields, pickedFields, pickedValue, type Pick } from './mergeChoices';

type Rec = { id: string; ownerId: string; createdAt: number; deletedAt: number | null; version: number; name: string } & Record<string, unknown>;

/**
 * Two contacts (or companies) side by side: which one stays, and per differing field which
 * value it keeps (lists may keep both). Below, what moves over. Merging is online: the server
 * moves every linked record, including those this device does not hold, and keeps the merge
 * for undo. The values picked are checked against the versions shown: if either record changed
 * meanwhile the merge is refused and the screen shows the new values.
 */
export function MergeView({ entity, ids }: { entity: MergeableEntity; ids: [string, string] }) {
  const { db, me, t, navigate, notify, nudgeSync } = useApp();
  const table = db.records(entity);
  const records = useLiveQuery(async () => (await Promise.all(ids.map((id) => table.get(id)))) as (Rec | undefined)[], [table, ids]);
  // Local changes to either record go first, so the merge decides on what the server holds.
  const unsent = useLiveQuery(() => db.outbox.where('recordId').anyOf(ids).filter((e) => e.status === 'pending').count(), [db, ids]) ?? 0;
  useEffect(() => {
    if (unsent > 0) nudgeSync();
  }, [unsent, nudgeSync]);
  const [swapped, setSwapped] = useState(false);
  const [chosen, setChosen] = useState<Record<string, Pick>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const companyIds = (records ?? []).map((r) => r?.companyId).filter((id): id is string => typeof id === 'string');
  const companyNames = useLiveQuery(async () => new Map((await db.company.bulkGet(companyIds)).flatMap((c) => (c ? [[c.id, c.name] as const] : []))), [db, companyIds.join()]);
  /** A value as the record view shows it: lists joined, a company by its name. */
  const valueText = (_entity: MergeableEntity, field: string, value: unknown): string =>
    Array.isArray(value) ? value.join(t('list.separator')) : field === 'companyId' && typeof value === 'string' ? (companyNames?.get(value) ?? '…') : value === null || value === undefined ? '' : String(value);

  const pair = records && records[0] && records[1] ? defaultSurvivor(records[0], records[1]) : null;
  const [survivor, other] = pair ? (swapped ? [pair[1], pair[0]] : pair) : [undefined, undefined];
  const moving = useLiveQuery(
    async () => (other ? Promise.all(mergeDependents(entity).map(async ({ entity: e, field }) => ({ entity: e, n: await db.records(e).where(field).equals(other.id).count() }))) : []),
    [db, entity, other?.id],
  );
  const picks = useMemo(() => (survivor && other ? { ...defaultPicks(entity, survivor, other), ...chosen } : {}), [entity, survivor, other, chosen]);

  if (records === undefined) return <p className="muted">{t('common.loading')}</p>;
  if (!survivor || !other) return <p className="empty">{t('record.gone')}</p>;
  const blocked = [survivor, other].find((r) => r.deletedAt !== null) ? t('merge.deleted') : [survivor, other].some((r) => !canWrite(me.user, r)) ? t('merge.notYours') : null;
  const differing = new Set(differingFields(entity, survivor, other));
  const label = (f: string) => t(`field.${entity}.${f}` as never);

  const submit = async () => {
    setBusy(true);
    setError(null);
    const request = {
      id: ulid(),
      entity,
      survivorId: survivor.id,
      mergedId: other.id,
      expectedVersions: { survivor: survivor.version, merged: other.version },
      fields: pickedFields(entity, survivor, other, picks),
    } as MergeRequest;
    try {
      const { merge } = await callApi('merge', request);
      nudgeSync();
      navigate({ name: entity, id: survivor.id });
      notify({
        text: t('merge.done', { name: other.name }),
        undo: async () => {
          await callApi('undoMerge', merge.id);
          nudgeSync();
        },
      });
    } catch (err) {
      const failure = failureOf(err);
      const field = String(failure.params?.field ?? '');
      // Changed meanwhile: fetch what changed; the screen redraws with it for a second look.
      if (field.startsWith('expectedVersions')) nudgeSync();
      setError(field.startsWith('expectedVersions') ? t('merge.changed') : field === 'fields.emails' ? `${t('merge.emailTaken')} ${failure.message}` : t.error(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="card merge" data-testid="merge-view">
      <h2>{t(`merge.title.${entity}`)}</h2>
      <p className="sub">{t('merge.intro')}</p>
      <div className="row">
        <span className="grow">
          {t('merge.keep')} <strong data-testid="merge-survivor">{survivor.name}</strong>
        </span>
        <button type="button" className="link" onClick={() => (setSwapped((s) => !s), setChosen({}))}>
          {t('merge.swap')}
        </button>
      </div>
      <table className="merge-fields">
        <thead>
          <tr>
            <th scope="col">{t('merge.field')}</th>
            <th scope="col">{t('merge.kept')}</th>
            <th scope="col">{t('merge.other')}</th>
          </tr>
        </thead>
        <tbody>
          {mergeFields(entity).map((f) => {
            if (!differing.has(f)) {
              return (
                <tr key={f} className="muted">
                  <th scope="row">{label(f)}</th>
                  <td colSpan={2}>{valueText(entity, f, survivor[f]) || '—'}</td>
                </tr>
              );
            }
            const list = Array.isArray(survivor[f]) || Array.isArray(other[f]);
            const option = (pick: Pick, text: string) => (
              <label className="check">
                <input type="radio" name={`merge-${f}`} checked={picks[f] === pick} onChange={() => setChosen((c) => ({ ...c, [f]: pick }))} /> {text || '—'}
              </label>
            );
            return (
              <tr key={f} data-field={f}>
                <th scope="row">{label(f)}</th>
                <td>{option('survivor', valueText(entity, f, survivor[f]))}</td>
                <td>
                  {option('other', valueText(entity, f, other[f]))}
                  {list && option('both', `${t('merge.both')}: ${valueText(entity, f, pickedValue('both', survivor[f], other[f]))}`)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p data-testid="merge-moves">
        {moving === undefined
          ? t('common.loading')
          : moving.every((m) => m.n === 0)
            ? t('merge.nothingMoves')
            : t('merge.moves', { list: moving.filter((m) => m.n > 0).map((m) => t.plural(`merge.count.${m.entity}`, m.n)).join(t('list.separator')) })}
      </p>
      <p className="muted small">{t('merge.undoHint')}</p>
      {blocked && <p className="error">{blocked}</p>}
      {unsent > 0 && <p className="muted">{t('merge.waitingForSync')}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="button" className="primary" disabled={busy || !!blocked || unsent > 0} onClick={submit}>
          {busy ? t('merge.merging') : t('merge.submit')}
        </button>
        <button type="button" onClick={() => navigate({ name: entity, id: survivor.id })}>
          {t('common.cancel')}
        </button>
      </div>
    </article>
  );
}
