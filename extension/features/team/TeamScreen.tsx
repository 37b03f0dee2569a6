import { useState } from 'react';
import { RoleSchema, type Member, type Role } from '../../../shared/schema/team';
import { callApi, failureOf } from '../../messaging/sendToBackground';
import { useApp } from '../appContext';
import { InvitesPanel } from './InvitesPanel';
import { DigestFailures } from './DigestFailures';
import { seesWholeTeam } from '../../../shared/rules/visibility';

/**
 * Members of the team with their role and status. Admins change roles and disable or enable
 * members here; everyone else sees the list. The list is the cached /api/me, refreshed by sync.
 */
export function TeamScreen() {
  const { me, t, notify, nudgeSync } = useApp();
  const isAdmin = me.user.role === 'admin';
  const [busy, setBusy] = useState<string | null>(null);

  async function change(member: Member, update: { role?: Role; disabled?: boolean }, done: string) {
    setBusy(member.id);
    try {
      await callApi('updateMember', member.id, update);
      notify({ text: done, tone: 'ok' });
      nudgeSync();
    } catch (err) {
      notify({ text: t.error(failureOf(err)), tone: 'error' });
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <section className="card" aria-labelledby="members-title">
        <h2 id="members-title">{t('team.members')}</h2>
        {!isAdmin && <p className="note">{t('team.adminsOnly')}</p>}
        <table className="grid-table" data-testid="members">
          <thead>
            <tr>
              <th>{t('team.name')}</th>
              <th>{t('team.email')}</th>
              <th>{t('team.role')}</th>
              <th>{t('team.status')}</th>
              {isAdmin && <th aria-label={t('team.status')} />}
            </tr>
          </thead>
          <tbody>
            {me.members.map((m) => {
              const self = m.id === me.user.id;
              const editable = isAdmin && !self && busy !== m.id;
              return (
                <tr key={m.id} data-member={m.email} className={m.disabledAt ? 'muted' : ''}>
                  <td>
                    {m.name} {self && <span className="muted">{t('team.you')}</span>}
                  </td>
                  <td>{m.email}</td>
                  <td>
                    {isAdmin && !self ? (
                      <select
                        aria-label={`${t('team.role')}: ${m.name}`}
                        value={m.role}
                        disabled={!editable}
                        onChange={(e) => {
                          const role = e.target.value as Role;
                          void change(m, { role }, t('team.roleChanged', { name: m.name, role: t(`role.${role}`) }));
                        }}
                      >
                        {RoleSchema.options.map((r) => (
                          <option key={r} value={r}>
                            {t(`role.${r}`)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      t(`role.${m.role}`)
                    )}
                  </td>
                  <td>{m.disabledAt ? t('team.disabled') : t('team.active')}</td>
                  {isAdmin && (
                    <td>
                      {!self &&
                        (m.disabledAt ? (
                          <button type="button" disabled={!editable} onClick={() => void change(m, { disabled: false }, t('team.enabledDone', { name: m.name }))}>
                            {t('team.enable')}
                          </button>
                        ) : (
                          <button
                            type="button"
                            disabled={!editable}
                            onClick={() => window.confirm(t('team.disableConfirm', { name: m.name })) && void change(m, { disabled: true }, t('team.disabledDone', { name: m.name }))}
                          >
                            {t('team.disable')}
                          </button>
                        ))}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      {isAdmin && <InvitesPanel />}
      {seesWholeTeam(me.user.role) && <DigestFailures />}
    </>
  );
}
