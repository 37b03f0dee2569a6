import { createContext, useContext } from 'react';
import type { Me } from '../../shared/api/me';
import type { Locale } from '../../shared/schema/primitives';
import type { AppDb } from '../db/appDb';
import type { Translate } from '../i18n/translate';
import type { ToastMessage } from './feedback/Toast';

export interface AppContextValue {
  db: AppDb;
  me: Me;
  locale: Locale;
  t: Translate;
  /** Tell the background there is something to push. */
  nudgeSync: () => void;
  navigate: (view: View) => void;
  /** A short message at the bottom of the panel, with Undo when given one. */
  notify: (message: Omit<ToastMessage, 'id'>) => void;
}

/** Where the user is; a list view keeps its search and owner filter so Back returns to them. */
export type View =
  | ListView
  | { name: 'newLead' }
  | { name: 'deal'; id: string }
  | { name: 'contact'; id: string }
  | { name: 'company'; id: string }
  | { name: 'followUp'; id: string }
  /** Merging two contacts or two companies: the first id is kept unless the user swaps them. */
  | { name: 'merge'; entity: 'contact' | 'company'; ids: [string, string] };
/** Which open follow-ups the follow-ups tab lists; none: all, open first. */
export type DueFilter = 'overdue' | 'today' | 'upcoming';
export type ListView = { name: 'list'; tab: ListTab; query?: string; ownerId?: string | null; due?: DueFilter | null; staleOnly?: boolean };
export type ListTab = 'deals' | 'contacts' | 'companies' | 'followUps';

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppContext');
  return value;
}
