// The decision log (issue 16.1): every decision of the team as a DataGrid whose filtering, sorting
// (by when it was decided) and paging are the service's: keyset pages, so the grid asks for the
// next page with the cursor the previous one ended at. Refused decisions are marked with their
// reason. A row opens the claim as decided; Export CSV saves exactly the filtered log.
import DownloadIcon from '@mui/icons-material/Download';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { DataGrid, type GridColDef, type GridPaginationModel, type GridSortModel } from '@mui/x-data-grid';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionLogRow } from '../../shared/contract/lead.js';
import { refusalText } from '../../shared/i18n/index.js';
import { TOKEN_HEADER } from '../api/http-transport.js';
import { useClient } from '../app/client-context.js';
import { useSignedIn } from '../app/session.js';
import { useLocale } from '../app/settings.js';
import { formatInstant } from '../format/datetime.js';
import { gridLocaleText, lagLabel, reasonLabel } from './labels.js';
import { LogFilters } from './LogFilters.js';
import { type LogView, useLogView } from './log-view.js';
import { QueryStatus } from './QueryStatus.js';
import { useLeadQuery } from './use-lead-query.js';

const PAGE_SIZES = [25, 50, 100];

export function DecisionLogPage({ onOpen }: { onOpen(decisionId: string): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const locale = useLocale();
  const { zone, user } = useSignedIn();
  const [view, setView] = useLogView(user.id);
  const { filter, sort, cursors } = view;
  const paging: GridPaginationModel = { page: view.page, pageSize: view.pageSize };
  const sortModel: GridSortModel = [{ field: 'decidedAt', sort: sort === 'oldest' ? 'asc' : 'desc' }];
  const [exported, setExported] = useState<string | null>(null);
  // A new filter, sort or page size starts over at the first page.
  const restart = (change: Partial<LogView>) => setView({ ...view, ...change, page: 0, cursors: [undefined] });

  const reviewers = useLeadQuery(() => client['lead.reviewers']({}), 'reviewers');
  const key = JSON.stringify({ filter, sort, page: paging.page, size: paging.pageSize, cursor: cursors[paging.page] });
  const log = useLeadQuery(() => client['lead.decisions']({ ...filter, sort, limit: paging.pageSize, cursor: cursors[paging.page] }), key);
  const nextCursor = log.data?.nextCursor ?? null;

  const columns = useMemo<GridColDef<DecisionLogRow>[]>(
    () => [
      { field: 'claimNumber', headerName: t('lead:log.col.claim'), width: 135, sortable: false },
      { field: 'partnerName', headerName: t('lead:log.col.partner'), width: 160, sortable: false },
      { field: 'customerName', headerName: t('lead:log.col.customer'), width: 180, sortable: false },
      { field: 'reviewer', headerName: t('lead:log.col.reviewer'), width: 150, sortable: false, valueGetter: (_v, row) => row.reviewer.name },
      { field: 'action', headerName: t('lead:log.col.action'), width: 170, sortable: false, valueGetter: (_v, row) => t(`domain:action.${row.action}`) },
      { field: 'reasons', headerName: t('lead:log.col.reasons'), width: 240, sortable: false, valueGetter: (_v, row) => row.reasons.map((r) => reasonLabel(t, r)).join(', ') },
      {
        field: 'checklist',
        headerName: t('lead:log.col.checklist'),
        width: 180,
        sortable: false,
        valueGetter: (_v, row) => (row.checklist ? t('lead:log.checklistSummary', { passed: row.checklist.passed.length, missing: row.checklist.missing.length }) : ''),
      },
      { field: 'decidedAt', headerName: t('lead:log.col.decidedAt'), width: 165, valueFormatter: (v: string) => formatInstant(v, locale, zone) },
      { field: 'receivedAt', headerName: t('lead:log.col.receivedAt'), width: 165, sortable: false, valueFormatter: (v: string) => formatInstant(v, locale, zone) },
      {
        field: 'lagMs',
        headerName: t('lead:log.col.lag'),
        width: 120,
        sortable: false,
        valueGetter: (_v, row) => (row.offline ? lagLabel(t, row.lagMs) : ''),
      },
      {
        field: 'timeSpentMs',
        headerName: t('lead:log.col.timeSpent'),
        width: 100,
        sortable: false,
        valueGetter: (_v, row) => (row.timeSpentMs === null ? '' : `${Math.round(row.timeSpentMs / 60_000)} min`),
      },
      { field: 'claimVersion', headerName: t('lead:log.col.version'), width: 80, sortable: false },
      {
        field: 'outcome',
        headerName: t('lead:log.col.outcome'),
        width: 200,
        sortable: false,
        renderCell: ({ row }) =>
          row.outcome === 'refused' ? (
            <Chip
              size="small"
              color="error"
              variant="outlined"
              label={t('lead:log.refused')}
              title={row.refusal ? t('lead:log.refusedBecause', { reason: refusalText(t, row.refusal) }) : undefined}
              aria-label={row.refusal ? t('lead:log.refusedBecause', { reason: refusalText(t, row.refusal) }) : t('lead:log.refused')}
              data-refused
            />
          ) : (
            t('lead:outcome.applied')
          ),
      },
      { field: 'later', headerName: t('lead:log.col.later'), width: 220, sortable: false, valueGetter: (_v, row) => row.later.map((l) => t(`lead:later.${l}`)).join(', ') },
    ],
    [t, locale, zone],
  );

  const exportCsv = async () => {
    setExported(null);
    const query = { ...filter, sort, lang: locale };
    const token = client.documentHeaders()[TOKEN_HEADER];
    if (token) {
      // The browser build: the host streams the service's CSV as a download.
      const a = document.createElement('a');
      a.href = `/export/decisions.csv?${new URLSearchParams({ token, query: JSON.stringify(query) }).toString()}`;
      a.download = '';
      a.click();
      return;
    }
    const saved = await client['lead.exportCsv']({ query });
    if (saved.path) setExported(t('lead:log.exported', { bytes: saved.bytes, path: saved.path }));
  };

  return (
    <Box id="main" component="main" sx={{ height: '100%', display: 'flex', flexDirection: 'column', gap: 1, p: 2, minHeight: 0 }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 2 }}>
        <Typography variant="h6" component="h1">
          {t('lead:log.title')}
        </Typography>
        <Box sx={{ flex: 1 }} />
        <Button variant="outlined" startIcon={<DownloadIcon />} onClick={() => void exportCsv().catch((e: Error) => setExported(t('lead:log.exportFailed', { message: e.message })))}>
          {t('lead:log.export')}
        </Button>
      </Stack>
      <LogFilters
        filter={filter}
        onChange={(f) => restart({ filter: f })}
        reviewers={(reviewers.data?.users ?? []).filter((u) => u.role === 'reviewer')}
        zone={zone}
      />
      <QueryStatus query={log} />
      {exported && (
        <Alert severity="info" onClose={() => setExported(null)} sx={{ py: 0 }}>
          {exported}
        </Alert>
      )}
      <Box sx={{ flex: 1, minHeight: 0 }}>
        <DataGrid
          aria-label={t('lead:log.title')}
          rows={log.data?.rows ?? []}
          columns={columns}
          loading={log.loading}
          density="compact"
          disableColumnFilter
          disableRowSelectionOnClick
          localeText={gridLocaleText(locale)}
          sortingMode="server"
          sortModel={sortModel}
          sortingOrder={['desc', 'asc']}
          onSortModelChange={(m) => restart({ sort: m[0]?.sort === 'asc' ? 'oldest' : 'newest' })}
          paginationMode="server"
          pageSizeOptions={PAGE_SIZES}
          paginationModel={paging}
          onPaginationModelChange={(m) => {
            if (m.pageSize !== paging.pageSize) restart({ pageSize: m.pageSize });
            else setView({ ...view, page: m.page, cursors: m.page > paging.page && nextCursor ? [...cursors.slice(0, m.page), nextCursor] : cursors });
          }}
          // Unknown until the last page is reached (keyset pages count nothing); then it is known ("1–12 of 12", not "of more than 50").
          rowCount={log.data && nextCursor === null ? paging.page * paging.pageSize + log.data.rows.length : -1}
          paginationMeta={{ hasNextPage: nextCursor !== null }}
          getRowClassName={({ row }) => (row.outcome === 'refused' ? 'refused' : '')}
          onRowClick={({ row }) => onOpen(row.id)}
          sx={{ '& .refused': { bgcolor: 'rgba(211, 47, 47, 0.06)' }, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
        />
      </Box>
    </Box>
  );
}
