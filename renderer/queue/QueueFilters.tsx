// Search and filters over the queue: status, overdue, partner, product and whose claims. Every
// control is labelled; changes apply at once (search after a short pause in typing).
import SearchIcon from '@mui/icons-material/Search';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import InputAdornment from '@mui/material/InputAdornment';
import InputLabel from '@mui/material/InputLabel';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLAIM_STATUSES, type ClaimStatus, type ProductId } from '../../shared/domain/model.js';
import { PRODUCT_IDS, PRODUCTS } from '../../shared/domain/products.js';
import { useQueue } from './queue-context.js';
import type { QueueFilter } from './queue-store.js';

const SEARCH_DEBOUNCE_MS = 250;

/** Whose claims: the user's own, every claim on this desk (its scope), or every claim, searched on the claims service. */
type Whose = 'me' | 'desk' | 'everyone';
const WHOSE: Record<Whose, Partial<QueueFilter>> = {
  me: { assignee: 'me', everyone: undefined },
  desk: { assignee: undefined, everyone: undefined },
  everyone: { assignee: undefined, everyone: true, overdue: undefined },
};
const whoseOf = (filter: QueueFilter): Whose => (filter.everyone ? 'everyone' : filter.assignee === 'me' ? 'me' : 'desk');

export function QueueFilters({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const [store, snap] = useQueue();
  const filter = snap.filter;
  const [search, setSearch] = useState(filter.search ?? '');
  const set = (change: Partial<QueueFilter>) => store.setFilter({ ...store.getSnapshot().filter, ...change });

  useEffect(() => {
    if ((store.getSnapshot().filter.search ?? '') === search.trim()) return;
    const timer = setTimeout(() => store.setFilter({ ...store.getSnapshot().filter, search: search.trim() || undefined }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search, store]);

  const searchField = (
    <TextField
      type="search"
      label={t('queue.search')}
      placeholder={t('queue.searchHint')}
      value={search}
      onChange={(e) => setSearch(e.target.value)}
      sx={{ minWidth: compact ? 0 : 300, flex: compact ? 1 : undefined }}
      slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon fontSize="small" aria-hidden /></InputAdornment> } }}
    />
  );
  if (compact) return <Box sx={{ display: 'flex', p: 1 }}>{searchField}</Box>;

  const partner = snap.partners.find((p) => p.id === filter.partnerId) ?? null;
  return (
    <Box role="search" aria-label={t('queue.filters')} sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center', p: 1.5 }}>
      {searchField}
      <FormControl sx={{ minWidth: 190 }}>
        <InputLabel id="filter-status" shrink>{t('queue.status')}</InputLabel>
        <Select<ClaimStatus[]>
          labelId="filter-status"
          label={t('queue.status')}
          notched
          multiple
          value={filter.statuses ?? []}
          onChange={(e) => set({ statuses: (e.target.value as ClaimStatus[]).length ? (e.target.value as ClaimStatus[]) : undefined })}
          renderValue={(v) => (v.length === 0 ? t('queue.any') : v.map((s) => t(`domain:status.${s}`)).join(', '))}
          displayEmpty
        >
          {CLAIM_STATUSES.map((s) => (
            <MenuItem key={s} value={s} dense>
              <Checkbox size="small" checked={(filter.statuses ?? []).includes(s)} sx={{ p: 0.5, mr: 1 }} />
              <ListItemText primary={t(`domain:status.${s}`)} />
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <Autocomplete
        sx={{ minWidth: 220 }}
        size="small"
        options={snap.partners}
        value={partner}
        getOptionLabel={(p: { id: string; name: string }) => `${p.name} (${p.id})`}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        onChange={(_e, p) => set({ partnerId: p?.id })}
        renderInput={(params) => <TextField {...params} label={t('queue.partner')} placeholder={t('queue.any')} slotProps={{ ...params.slotProps, inputLabel: { ...params.slotProps?.inputLabel, shrink: true } }} />}
      />
      <FormControl sx={{ minWidth: 200 }}>
        <InputLabel id="filter-product" shrink>{t('queue.product')}</InputLabel>
        <Select<ProductId | ''>
          labelId="filter-product"
          label={t('queue.product')}
          notched
          value={filter.product ?? ''}
          onChange={(e) => set({ product: (e.target.value || undefined) as ProductId | undefined })}
          displayEmpty
          renderValue={(v) => (v ? PRODUCTS[v].name : t('queue.any'))}
        >
          <MenuItem value="">{t('queue.any')}</MenuItem>
          {PRODUCT_IDS.map((p) => (
            <MenuItem key={p} value={p} dense>
              {PRODUCTS[p].name}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {/* The service's search knows no deadlines: overdue is a filter of the desk's own claims. */}
      <FormControlLabel
        control={<Switch checked={filter.overdue === true} disabled={filter.everyone} onChange={(e) => set({ overdue: e.target.checked || undefined })} />}
        label={t('queue.overdueOnly')}
      />
      <ToggleButtonGroup exclusive value={whoseOf(filter)} onChange={(_e, v: Whose | null) => v && set(WHOSE[v])} aria-label={t('queue.whose')}>
        <ToggleButton value="me">{t('queue.mine')}</ToggleButton>
        <ToggleButton value="desk">{t('queue.desk')}</ToggleButton>
        <ToggleButton value="everyone">{t('queue.everyone')}</ToggleButton>
      </ToggleButtonGroup>
    </Box>
  );
}
