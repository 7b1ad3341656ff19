// Assignment (issue 16.6): every reviewer's open work, the unassigned pool (or one reviewer's
// claims, to reassign them), and assign or reassign one or many claims at once: to a chosen
// reviewer, or each to its suggested assignee (least open work, never the reviewer who rejected a
// disputed claim). Each assignment is a domain act in the claim's history.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { DataGrid, type GridColDef, type GridRowSelectionModel } from '@mui/x-data-grid';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssignmentPool } from '../../shared/contract/lead.js';
import { useClient } from '../app/client-context.js';
import { useSignedIn } from '../app/session.js';
import { useLocale } from '../app/settings.js';
import { formatInstant } from '../format/datetime.js';
import { type ActsOutcome, actOnClaims } from './lead-acts.js';
import { gridLocaleText } from './labels.js';
import { QueryStatus } from './QueryStatus.js';
import { useLeadQuery } from './use-lead-query.js';

type PoolClaim = AssignmentPool['claims'][number];
const NO_SELECTION: GridRowSelectionModel = { type: 'include', ids: new Set() };

export function AssignmentPage() {
  const { t } = useTranslation();
  const client = useClient();
  const locale = useLocale();
  const { zone } = useSignedIn();
  const [owner, setOwner] = useState<string>('');
  const [round, setRound] = useState(0);
  const pool = useLeadQuery(() => client['lead.pool']({ limit: 500, ...(owner ? { assigneeId: owner } : {}) }), `${owner}|${round}`);
  const [selection, setSelection] = useState<GridRowSelectionModel>(NO_SELECTION);
  const [target, setTarget] = useState('');
  const [outcome, setOutcome] = useState<ActsOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const loads = pool.data?.loads ?? [];
  const claims = pool.data?.claims ?? [];
  const selected = claims.filter((c) => selection.ids.has(c.claimId));

  const columns = useMemo<GridColDef<PoolClaim>[]>(
    () => [
      { field: 'claimNumber', headerName: t('lead:assign.col.claim'), width: 140 },
      { field: 'partnerName', headerName: t('lead:assign.col.partner'), width: 180 },
      { field: 'customerName', headerName: t('lead:assign.col.customer'), width: 200 },
      {
        field: 'status',
        headerName: t('lead:assign.col.status'),
        width: 200,
        valueGetter: (_v, row) => `${t(`domain:status.${row.status}`)}${row.disputed ? ` · ${t('lead:assign.disputed')}` : ''}`,
      },
      { field: 'assignee', headerName: t('lead:assign.col.assignee'), width: 160, valueGetter: (_v, row) => row.assignee?.name ?? '' },
      { field: 'submittedAt', headerName: t('lead:assign.col.submitted'), width: 170, valueFormatter: (v: string | null) => (v ? formatInstant(v, locale, zone) : '') },
      { field: 'suggested', headerName: t('lead:assign.col.suggested'), width: 170, valueGetter: (_v, row) => row.suggested?.name ?? '' },
    ],
    [t, locale, zone],
  );

  const assign = async (to: (c: PoolClaim) => { id: string; name: string } | null) => {
    setBusy(true);
    setOutcome(null);
    const acts = selected.flatMap((c) => {
      const assignee = to(c);
      return assignee ? [{ claimId: c.claimId, label: c.claimNumber, name: 'assign' as const, args: { assignee } }] : [];
    });
    const result = await actOnClaims(client, t, acts);
    setOutcome(result);
    setSelection(NO_SELECTION);
    setBusy(false);
    setRound((r) => r + 1);
  };
  const targetReviewer = loads.find((l) => l.reviewer.id === target)?.reviewer ?? null;

  return (
    <Box id="main" component="main" sx={{ height: '100%', display: 'flex', flexDirection: 'column', gap: 1, p: 2, minHeight: 0 }}>
      <Typography variant="h6" component="h1">
        {t('lead:assign.title')}
      </Typography>
      <QueryStatus query={pool} />
      <Box component="section" aria-label={t('lead:assign.loads')} sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        <Typography variant="body2" sx={{ fontWeight: 700, mr: 1 }}>
          {t('lead:assign.loads')}
        </Typography>
        {loads.map((l) => (
          <Chip
            key={l.reviewer.id}
            label={`${l.reviewer.name} · ${t('lead:assign.openClaims', { count: l.openClaims })}`}
            color={owner === l.reviewer.id ? 'primary' : 'default'}
            onClick={() => setOwner(owner === l.reviewer.id ? '' : l.reviewer.id)}
          />
        ))}
      </Box>
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField
          select
          size="small"
          label={t('lead:assign.show')}
          value={owner}
          onChange={(e) => setOwner(e.target.value)}
          // The pool is a choice too ('' is its value): show its name rather than an empty field.
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
          sx={{ minWidth: 220 }}
        >
          <MenuItem value="">{t('lead:assign.unassigned')}</MenuItem>
          {loads.map((l) => (
            <MenuItem key={l.reviewer.id} value={l.reviewer.id}>
              {t('lead:assign.ofReviewer', { name: l.reviewer.name })}
            </MenuItem>
          ))}
        </TextField>
        <Box sx={{ flex: 1 }} />
        <TextField select size="small" label={t('lead:assign.assignTo')} value={target} onChange={(e) => setTarget(e.target.value)} sx={{ minWidth: 200 }}>
          {loads.map((l) => (
            <MenuItem key={l.reviewer.id} value={l.reviewer.id}>
              {l.reviewer.name}
            </MenuItem>
          ))}
        </TextField>
        <Button variant="contained" disabled={busy || selected.length === 0 || !targetReviewer} onClick={() => void assign(() => targetReviewer)}>
          {t('lead:assign.assignSelected', { count: selected.length })}
        </Button>
        <Button variant="outlined" disabled={busy || selected.length === 0} onClick={() => void assign((c) => c.suggested)}>
          {t('lead:assign.assignSuggested')}
        </Button>
      </Stack>
      {outcome && (
        <Alert severity={outcome.refused.length ? 'warning' : 'success'} onClose={() => setOutcome(null)} sx={{ py: 0 }}>
          {t('lead:assign.done', { count: outcome.saved })}
          {outcome.refused.length > 0 && ` ${t('lead:assign.refusedSome', { count: outcome.refused.length, reasons: outcome.refused.join('; ') })}`}
        </Alert>
      )}
      <Box sx={{ flex: 1, minHeight: 0 }}>
        <DataGrid
          aria-label={owner ? t('lead:assign.ofReviewer', { name: loads.find((l) => l.reviewer.id === owner)?.reviewer.name ?? '' }) : t('lead:assign.pool')}
          rows={claims}
          getRowId={(r) => r.claimId}
          columns={columns}
          loading={pool.loading}
          density="compact"
          checkboxSelection
          rowSelectionModel={selection}
          onRowSelectionModelChange={setSelection}
          localeText={gridLocaleText(locale)}
          pageSizeOptions={[25, 50, 100]}
          initialState={{ pagination: { paginationModel: { pageSize: 50 } } }}
        />
      </Box>
    </Box>
  );
}
