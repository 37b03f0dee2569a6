import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useApp } from '../appContext';
import { companyNames, countLive, pageLive, type DueWindow, type ListEntity } from './listQueries';

/** Rows are read from the index in blocks around what is on screen, never all at once. */
const BLOCK = 100;
const ROW_HEIGHT = 52;

/** Rows from an index, read in blocks as they scroll into view; or rows already in hand (search results, with their companies' names). */
export type ListSource<T> = { kind: 'index'; entity: ListEntity; ownerId: string | null; due?: DueWindow | null } | { kind: 'rows'; rows: T[]; companies: Map<string, string> };

interface Props<T extends { id: string; companyId?: string | null }> {
  source: ListSource<T>;
  testId: string;
  label: string;
  empty: ReactNode;
  renderRow: (row: T, companyName: string | undefined) => ReactNode;
  /** Opening a row (click or Enter). */
  onOpen: (row: T) => void;
  /** The search these rows answer ('' for the whole list); exposed for tests and benchmarks. */
  shownQuery?: string;
  /** A control beside the row's button, such as a follow-up's done box. */
  aside?: (row: T) => ReactNode;
}

/**
 * A virtualised list (TanStack Virtual): only the rows in view exist in the DOM, and only the
 * index blocks they fall in are read from Dexie, live. Arrow keys move between rows, Enter opens.
 */
export function VirtualRecordList<T extends { id: string; companyId?: string | null }>({ source, testId, label, empty, renderRow, onOpen, aside, shownQuery = '' }: Props<T>) {
  const { db, t } = useApp();
  const scroller = useRef<HTMLDivElement>(null);
  const sourceKey = source.kind === 'index' ? `${source.entity}:${source.ownerId ?? ''}:${source.due ? `${source.due.from}-${source.due.to}` : ''}` : source.rows;
  const [range, setRange] = useState<[number, number]>([0, 0]);
  const block = useLiveQuery(
    async () => {
      if (source.kind === 'rows') return undefined;
      const offset = range[0] * BLOCK;
      const rows = await pageLive<T>(db, source.entity, source.ownerId, offset, (range[1] - range[0] + 1) * BLOCK, source.due ?? null);
      return { key: sourceKey, offset, rows, companies: await companyNames(db, rows) };
    },
    [db, sourceKey, range[0], range[1]],
  );
  // Rows in hand are drawn in the same render they arrive in; index blocks when read.
  const current = source.kind === 'rows' ? { key: sourceKey, offset: 0, rows: source.rows, companies: source.companies } : block?.key === sourceKey ? block : undefined;
  // Counting takes IndexedDB longer than reading a block, and reads queue behind it: the first
  // block is read and drawn first, the count follows and sizes the scrollbar.
  const firstDrawn = current !== undefined;
  const counted = useLiveQuery(
    async () => (firstDrawn && source.kind === 'index' ? { key: sourceKey, n: await countLive(db, source.entity, source.ownerId, source.due ?? null) } : undefined),
    [db, sourceKey, firstDrawn],
  );
  const total = source.kind === 'rows' ? source.rows.length : counted?.key === sourceKey ? counted.n : current && current.offset === 0 ? current.rows.length : undefined;
  const virtualizer = useVirtualizer({ count: total ?? 0, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const firstBlock = Math.floor((items[0]?.index ?? 0) / BLOCK);
  const lastBlock = Math.floor((items.at(-1)?.index ?? 0) / BLOCK);
  useEffect(() => {
    if (firstBlock !== range[0] || lastBlock !== range[1]) setRange([firstBlock, lastBlock]);
  }, [firstBlock, lastBlock, range]);

  if (total === undefined) return <p className="muted">{t('list.loading')}</p>;
  if (total === 0) return <div data-testid={testId} data-count={0} data-query={shownQuery} data-ready="true">{empty}</div>;

  const focusRow = (index: number) => {
    const target = Math.max(0, Math.min(total - 1, index));
    virtualizer.scrollToIndex(target, { align: 'auto' });
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLButtonElement>(`[data-index="${target}"] button`)?.focus());
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const current = Number((e.target as HTMLElement).closest('[data-index]')?.getAttribute('data-index') ?? -1);
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: total - 1, PageDown: current + 10, PageUp: current - 10 };
    if (e.key in moves && current >= 0) {
      e.preventDefault();
      focusRow(moves[e.key]!);
    }
  };

  return (
    <div ref={scroller} className="virtual-list" data-testid={testId} data-count={total} data-query={shownQuery} data-ready={current !== undefined} onKeyDown={onKeyDown} role="list" aria-label={label}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = current && item.index >= current.offset ? current.rows[item.index - current.offset] : undefined;
          return (
            <div key={item.key} role="listitem" data-index={item.index} className="virtual-row" style={{ transform: `translateY(${item.start}px)`, height: item.size }}>
              {row ? (
                <>
                  {aside?.(row)}
                  <button type="button" className="record-row" onClick={() => onOpen(row)}>
                    {renderRow(row, row.companyId ? current!.companies.get(row.companyId) : undefined)}
                  </button>
                </>
              ) : (
                <span className="record-row placeholder" aria-hidden="true" />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** Focus the first row of the list on screen (ArrowDown from the search box). */
export function focusFirstRow(testId: string): void {
  document.querySelector<HTMLButtonElement>(`[data-testid="${testId}"] [data-index="0"] button`)?.focus();
}
