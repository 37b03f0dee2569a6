import type { Deal } from '../../../shared/schema/deal';
import { useApp } from '../appContext';

/** The deals of a contact or company, each opening its record. */
export function DealLinks({ deals }: { deals: Deal[] }) {
  const { t, navigate } = useApp();
  return (
    <section>
      <h3>{t('contact.deals')}</h3>
      {deals.length === 0 ? (
        <p className="empty">{t('list.empty.deals')}</p>
      ) : (
        <ul className="records">
          {deals.map((d) => (
            <li key={d.id}>
              <button type="button" onClick={() => navigate({ name: 'deal', id: d.id })}>
                {d.title}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
