// The queue beside an open claim (Relativity's document list): the same order as the grid, two
// lines per claim, the open one marked; J/K walk it from anywhere.
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../app/now.js';
import { useSignedIn } from '../app/session.js';
import { useQueue } from './queue-context.js';
import { QueueFilters } from './QueueFilters.js';
import { QueueMarks } from './QueueMarks.js';
import { slaOfDeadline } from './sla.js';
import { SlaLabel } from './SlaLabel.js';
import { useQueueWindow } from './use-queue-window.js';

const ROW_HEIGHT = 70;

export function QueueStrip({ currentId, onOpen }: { currentId: string; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const [store, snap] = useQueue();
  const { calendar } = useSignedIn();
  const now = useNow();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { virtualizer, items, total } = useQueueWindow(store, snap, scrollRef, ROW_HEIGHT, 8);

  // Keep the open claim in view as J/K move through the queue.
  const currentIndex = store.indexOf(currentId);
  useEffect(() => {
    if (currentIndex >= 0) virtualizer.scrollToIndex(currentIndex, { align: 'center' });
  }, [currentIndex, virtualizer]);

  return (
    <Box component="nav" aria-label={t('queue.title')} sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, height: '100%' }}>
      <QueueFilters compact />
      <Typography variant="caption" sx={{ px: 1.5, pb: 0.5, color: 'text.secondary' }} aria-live="polite">
        {snap.total === null ? t('queue.loading') : t('queue.count', { count: snap.total })}
      </Typography>
      <Box ref={scrollRef} sx={{ flex: 1, overflow: 'auto' }}>
        <Box role="list" sx={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = store.rowAt(item.index);
            const current = row?.id === currentId;
            return (
              <Box
                role="listitem"
                key={item.key}
                aria-setsize={total}
                aria-posinset={item.index + 1}
                sx={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                {row ? (
                  <ButtonBase
                    onClick={() => onOpen(row.id)}
                    aria-current={current ? 'page' : undefined}
                    sx={{
                      width: '100%',
                      height: '100%',
                      display: 'block',
                      textAlign: 'left',
                      px: 1.5,
                      py: 0.75,
                      borderBottom: 1,
                      borderColor: 'divider',
                      borderLeft: 3,
                      borderLeftColor: current ? 'primary.main' : 'transparent',
                      bgcolor: current ? 'action.selected' : undefined,
                      '&:hover': { bgcolor: 'action.hover' },
                    }}
                  >
                    <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 1, fontSize: 13 }}>
                      <Box component="span" sx={{ fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}>{row.number}</Box>
                      <QueueMarks pending={row.pending} conflict={row.conflict} />
                    </Box>
                    <Box sx={{ fontSize: 12.5, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', color: 'text.secondary' }}>{row.customerName}</Box>
                    <Box sx={{ fontSize: 12 }}>{row.nextDeadline ? <SlaLabel sla={slaOfDeadline(calendar, row.nextDeadline, now)} /> : t(`domain:status.${row.status}`)}</Box>
                  </ButtonBase>
                ) : (
                  <Box sx={{ px: 1.5, py: 1 }}>
                    <Skeleton variant="text" width="60%" />
                    <Skeleton variant="text" />
                  </Box>
                )}
              </Box>
            );
          })}
        </Box>
      </Box>
    </Box>
  );
}
