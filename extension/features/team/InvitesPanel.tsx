import { useState, type FormEvent } from 'react';
import { EmailSchema, type Locale } from '../../../shared/schema/primitives';
import { RoleSchema, type Role } from '../../../shared/schema/team';
import { LanguageSelect } from '../settings/LanguageSelect';
import { callApi, failureOf } from '../../messaging/sendToBackground';
import { useApp } from '../appContext';
import { useRemote } from '../dashboard/useRemote';
import { formatDate } from '../format';

/** Admins invite an address with a role (it arrives as a sign-in email) and withdraw pending invitations. */
export function InvitesPanel() {
  const { t, locale, me, notify } = useApp();
  const invites = useRemote(() => callApi('listInvites'), []);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('rep');
  const [mailLocale, setMailLocale] = useState<Locale>(locale);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = EmailSchema.safeParse(email);
    if (!parsed.success) return setError(t('field.invalid', { field: t('team.inviteEmail') }));
    setBusy(true);
    setError(null);
    try {
      await callApi('invite', { email: parsed.data, role, locale: mailLocale });
      notify({ text: t('team.invited', { email: parsed.data }), tone: 'ok' });
      setEmail('');
      invites.reload();
    } catch (err) {
      setError(t.error(failureOf(err)));
    } finally {
      setBusy(false);
    }
  }

  async function withdraw(id: string) {
    try {
      await callApi('revokeInvite', id);
      invites.reload();
    } catch (err) {
      notify({ text: t.error(failureOf(err)), tone: 'error' });
    }
  }

  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title">{t('team.invite')}</h2>
      <form className="row" onSubmit={submit} noValidate>
        <label className="grow">
          {t('team.inviteEmail')}
          <input name="inviteEmail" type="email" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={error ? true : undefined} />
        </label>
        <label>
          {t('team.role')}
          <select name="inviteRole" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {RoleSchema.options.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('team.inviteLanguage')}
          <LanguageSelect value={mailLocale} onChange={setMailLocale} />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {t('team.inviteSend')}
        </button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <h3>{t('team.pendingInvites')}</h3>
      {invites.error && <p className="error">{t.error(invites.error)}</p>}
      {invites.loading && !invites.data && <p className="muted">{t('common.loading')}</p>}
      {invites.data?.length === 0 && <p className="muted">{t('team.noInvites')}</p>}
      <ul className="plain-list" data-testid="invites">
        {invites.data?.map((invite) => (
          <li key={invite.id} className="row">
            <span className="grow">
              {invite.email} · {t(`role.${invite.role}`)}{' '}
              <span className="muted small">{t('team.invitedOn', { date: formatDate(invite.createdAt, locale, me.user.timeZone), expires: formatDate(invite.expiresAt, locale, me.user.timeZone) })}</span>
            </span>
            <button type="button" className="link" onClick={() => void withdraw(invite.id)}>
              {t('team.withdraw')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
