// The decision log's filters (issue 16.1): period, reviewer, action, reason, product, partner,
// outcome, offline only, QA disagreement. The service applies them (server-side filtering); the
// period's days are the deployment calendar's days, not this computer's.
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { DateTime } from 'luxon';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DECISION_OUTCOMES, DECISION_REASONS, type DeskDecisionLogQuery } from '../../shared/contract/lead.js';
import { LOGGED_DECISIONS } from '../../shared/domain/actions.js';
import { PartnerId } from '../../shared/domain/model.js';
import { PRODUCT_IDS, PRODUCTS } from '../../shared/domain/products.js';
import type { DeskUser } from '../../shared/contract/desktop.js';
import { DayField } from './DayField.js';
import { reasonLabel } from './labels.js';

export type LogFilter = Omit<DeskDecisionLogQuery, 'cursor' | 'limit' | 'sort'>;

/** A calendar day (YYYY-MM-DD) as the instant its midnight is in the zone, and back. */
const dayStart = (day: string, zone: string) => DateTime.fromISO(day, { zone }).toUTC().toISO() ?? undefined;
const dayOf = (iso: string | undefined, zone: string) => (iso ? (DateTime.fromISO(iso).setZone(zone).toISODate() ?? '') : '');

function Select({ label, value, onChange, options }: { label: string; value: string | undefined; onChange(v: string | undefined): void; options: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <TextField select size="small" label={label} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)} sx={{ minWidth: 150 }}>
      <MenuItem value="">{t('lead:log.any')}</MenuItem>
      {options.map((o) => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** A calendar day of the period: shown as the zone's day, handed on as the instant that day starts. */
function PeriodDay({ label, value, onChange, zone }: { label: string; value: string | undefined; onChange(v: string | undefined): void; zone: string }) {
  return <DayField label={label} value={dayOf(value, zone)} onChange={(day) => onChange(day ? dayStart(day, zone) : undefined)} />;
}

/** A partner ID filters once it is one (6 to 10 digits); until then the field says what it expects. */
function PartnerField({ value, onChange }: { value: string | undefined; onChange(v: string | undefined): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const valid = text === '' || PartnerId.safeParse(text).success;
  return (
    <TextField
      size="small"
      label={t('lead:log.partner')}
      value={text}
      error={!valid}
      onChange={(e) => {
        const next = e.target.value.trim();
        setText(next);
        if (next === '' || PartnerId.safeParse(next).success) onChange(next || undefined);
      }}
      sx={{ width: 130 }}
    />
  );
}

export function LogFilters({ filter, onChange, reviewers, zone }: { filter: LogFilter; onChange(f: LogFilter): void; reviewers: DeskUser[]; zone: string }) {
  const { t } = useTranslation();
  const set = (patch: Partial<LogFilter>) => onChange({ ...filter, ...patch });
  return (
    <Box role="search" aria-label={t('lead:log.filters')} sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
      <PeriodDay label={t('lead:log.from')} value={filter.from} onChange={(from) => set({ from })} zone={zone} />
      <PeriodDay label={t('lead:log.to')} value={filter.to} onChange={(to) => set({ to })} zone={zone} />
      <Select label={t('lead:log.reviewer')} value={filter.reviewerId} onChange={(reviewerId) => set({ reviewerId })} options={reviewers.map((r) => ({ value: r.id, label: r.name }))} />
      <Select label={t('lead:log.action')} value={filter.action} onChange={(v) => set({ action: v as LogFilter['action'] })} options={LOGGED_DECISIONS.map((a) => ({ value: a, label: t(`domain:action.${a}`) }))} />
      <Select label={t('lead:log.reason')} value={filter.reason} onChange={(v) => set({ reason: v as LogFilter['reason'] })} options={DECISION_REASONS.map((r) => ({ value: r, label: reasonLabel(t, r) }))} />
      <Select label={t('lead:log.product')} value={filter.product} onChange={(v) => set({ product: v as LogFilter['product'] })} options={PRODUCT_IDS.map((p) => ({ value: p, label: PRODUCTS[p].name }))} />
      <PartnerField value={filter.partnerId} onChange={(partnerId) => set({ partnerId })} />
      <Select label={t('lead:log.outcome')} value={filter.outcome} onChange={(v) => set({ outcome: v as LogFilter['outcome'] })} options={DECISION_OUTCOMES.map((o) => ({ value: o, label: t(`lead:log.outcomes.${o}`) }))} />
      <FormControlLabel control={<Checkbox size="small" checked={filter.offline === true} onChange={(e) => set({ offline: e.target.checked || undefined })} />} label={t('lead:log.offlineOnly')} />
      <FormControlLabel
        control={<Checkbox size="small" checked={filter.qaDisagreement === true} onChange={(e) => set({ qaDisagreement: e.target.checked || undefined })} />}
        label={t('lead:log.qaDisagreement')}
      />
      <Button size="small" onClick={() => onChange({})}>
        {t('lead:log.clear')}
      </Button>
    </Box>
  );
}
