import { createContext, useContext } from 'react';
import type { Me } from '../../shared/api/me';
import type { Locale } from '../../shared/schema/primitives';
import type { AppDb } from '../db/appDb';
import type { Translate } from '../i18n/translate';

export interface AppContextValue {
  db: AppDb;
  me: Me;
  locale: Locale;
  t: Translate;
  /** Tell the background there is something to push. */
  nudgeSync: () => void;
  navigate: (view: View) => void;
}

export type View =
  | { name: 'list'; tab: ListTab }
  | { name: 'newLead' }
  | { name: 'deal'; id: string }
  | { name: 'contact'; id: string }
  | { name: 'company'; id: string };
export type ListTab = 'deals' | 'contacts' | 'companies' | 'followUps';

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppContext');
  return value;
}
