// The queue as a virtualised grid: only the rows on screen exist in the DOM, so 50,000 claims
// scroll as smoothly as 50. Keyboard: arrows/J/K move, Home/End jump, Enter opens the claim.
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../shared/contract/desktop.js';
import { PRODUCTS } from '../../shared/domain/products.js';
import { useNow } from '../app/now.js';
import { useSignedIn } from '../app/session.js';
import { StatusChip } from '../claim/StatusChip.js';
import { useQueue } from './queue-context.js';
import type { QueueFilter } from './queue-store.js';
import { QueueMarks } from './QueueMarks.js';
import { slaOfDeadline } from './sla.js';
import { SlaLabel } from './SlaLabel.js';
import { useQueueWindow } from './use-queue-window.js';

type SortKey = NonNullable<QueueFilter['sort']>['by'];

const COLUMNS: { key: string; sort?: SortKey; width: string }[] = [
  { key: 'claim', sort: 'number', width: '152px' },
  { key: 'partner', sort: 'partner', width: 'minmax(120px, 1fr)' },
  { key: 'customer', sort: 'customer', width: 'minmax(130px, 1.1fr)' },
  { key: 'products', width: 'minmax(150px, 1.3fr)' },
  // The longest status chip: "Vyžaduje se akce partnera".
  { key: 'status', sort: 'status', width: '236px' },
  { key: 'assignee', sort: 'assignee', width: 'minmax(110px, 0.8fr)' },
  // Wide enough for the longest reading in either language, two digits and bold: "Po termínu 10 pracovních dnů".
  { key: 'sla', sort: 'deadline', width: '300px' },
  { key: 'marks', width: '52px' },
];
const TEMPLATE = COLUMNS.map((c) => c.width).join(' ');
const ROW_HEIGHT = 48;

export function QueueGrid({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const [store, snap] = useQueue();
  const { calendar } = useSignedIn();
  const now = useNow();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(() => Math.max(0, store.lastOpened ? store.indexOf(store.lastOpened) : 0));
  const { virtualizer, items, total } = useQueueWindow(store, snap, scrollRef, ROW_HEIGHT, 12);
  // Back from a claim: show it, and let the keyboard carry on from there.
  const [restored] = useState(active);
  useEffect(() => {
    if (restored > 0) virtualizer.scrollToIndex(restored, { align: 'center' });
  }, [restored, virtualizer]);

  const focusRow = (index: number) => {
    const target = Math.max(0, Math.min(total - 1, index));
    setActive(target);
    virtualizer.scrollToIndex(target, { align: 'auto' });
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-row="${target}"]`)?.focus());
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: active + 1, j: active + 1, ArrowUp: active - 1, k: active - 1, PageDown: active + page, PageUp: active - page, Home: 0, End: total - 1 };
    if (e.key in moves && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      e.stopPropagation();
      focusRow(moves[e.key]!);
    } else if (e.key === 'Enter') {
      const row = store.rowAt(active);
      if (row) onOpen(row.id);
    }
  };

  const sort = snap.filter.sort ?? { by: 'deadline', dir: 'asc' };
  const setSort = (by: SortKey) => store.setFilter({ ...snap.filter, sort: { by, dir: sort.by === by && sort.dir === 'asc' ? 'desc' : 'asc' } });

  return (
    <Box
      role="grid"
      aria-label={t('queue.title')}
      aria-rowcount={total + 1}
      aria-colcount={COLUMNS.length}
      onKeyDown={onKeyDown}
      sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1, bgcolor: 'background.paper' }}
    >
      <Box role="row" aria-rowindex={1} sx={{ display: 'grid', gridTemplateColumns: TEMPLATE, borderBottom: 1, borderColor: 'divider', px: 1.5, bgcolor: 'action.hover' }}>
        {COLUMNS.map((c) => {
          // "Everyone" comes from the claims service ordered by claim number only.
          const sortable = c.sort && (!snap.filter.everyone || c.sort === 'number');
          const sorted = sortable && sort.by === c.sort;
          return (
            <Box
              key={c.key}
              role="columnheader"
              aria-sort={sorted ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
              sx={{ py: 1, pr: 1, fontSize: 12.5, fontWeight: 700, color: 'text.secondary' }}
            >
              {sortable ? (
                <ButtonBase onClick={() => setSort(c.sort!)} sx={{ font: 'inherit', color: sorted ? 'text.primary' : 'inherit', gap: 0.5, borderRadius: 1 }}>
                  {t(`queue.column.${c.key}`)}
                  {sorted && (sort.dir === 'asc' ? <ArrowUpwardIcon sx={{ fontSize: 14 }} aria-hidden /> : <ArrowDownwardIcon sx={{ fontSize: 14 }} aria-hidden />)}
                </ButtonBase>
              ) : (
                t(`queue.column.${c.key}`)
              )}
            </Box>
          );
        })}
      </Box>
      <Box ref={scrollRef} sx={{ flex: 1, overflow: 'auto', position: 'relative' }}>
        {snap.total === 0 && (
          <Typography sx={{ p: 4, textAlign: 'center', color: 'text.secondary' }}>{t('queue.empty')}</Typography>
        )}
        <Box role="rowgroup" sx={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = store.rowAt(item.index);
            return (
              <Box
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                data-row={item.index}
                tabIndex={item.index === active ? 0 : -1}
                aria-label={row ? `${row.number} ${row.customerName}` : t('queue.loadingRow')}
                onClick={() => row && onOpen(row.id)}
                onFocus={() => setActive(item.index)}
                sx={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                  display: 'grid',
                  gridTemplateColumns: TEMPLATE,
                  alignItems: 'center',
                  px: 1.5,
                  borderBottom: 1,
                  borderColor: 'divider',
                  cursor: 'pointer',
                  '&:hover': { bgcolor: 'action.hover' },
                  '&:focus-visible': { outlineOffset: -2 },
                }}
              >
                {row ? <QueueCells row={row} sla={row.nextDeadline ? slaOfDeadline(calendar, row.nextDeadline, now) : null} /> : <LoadingCells />}
              </Box>
            );
          })}
        </Box>
      </Box>
    </Box>
  );
}

const cell = { pr: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

function QueueCells({ row, sla }: { row: QueueRow; sla: ReturnType<typeof slaOfDeadline> | null }) {
  const { t } = useTranslation();
  const products = row.products.map((p) => PRODUCTS[p].name).join(', ');
  return (
    <>
      <Box role="gridcell" sx={{ ...cell, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>{row.number}</Box>
      <Box role="gridcell" sx={cell} title={`${row.partnerName} (${row.partnerId})`}>{row.partnerName}</Box>
      <Box role="gridcell" sx={cell} title={row.customerName}>{row.customerName}</Box>
      <Box role="gridcell" sx={{ ...cell, color: 'text.secondary' }} title={products}>{products}</Box>
      <Box role="gridcell" sx={cell}><StatusChip status={row.status} /></Box>
      <Box role="gridcell" sx={{ ...cell, color: row.assignee ? 'text.primary' : 'text.secondary' }}>{row.assignee?.name ?? t('queue.unassigned')}</Box>
      <Box role="gridcell" sx={{ ...cell, lineHeight: 1.25 }}>
        {sla && row.nextDeadline ? (
          <>
            <SlaLabel sla={sla} />
            <Box sx={{ fontSize: 11.5, color: 'text.secondary', pl: '20px' }}>{t(`domain:clock.${row.nextDeadline.clock}`)}</Box>
          </>
        ) : (
          <Box component="span" sx={{ color: 'text.secondary' }}>{t('queue.noDeadline')}</Box>
        )}
      </Box>
      <Box role="gridcell" sx={cell}><QueueMarks pending={row.pending} conflict={row.conflict} /></Box>
    </>
  );
}

function LoadingCells() {
  return (
    <>
      {COLUMNS.map((c) => (
        <Box role="gridcell" key={c.key} sx={{ pr: 2 }}>
          <Skeleton variant="text" />
        </Box>
      ))}
    </>
  );
}
