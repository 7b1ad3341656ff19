// One of the team's reviewers, or the choice that means none of them ("The whole team" on the
// metrics, "Keep the current assignee" when reopening): the service's list of desk users.
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { DeskUser } from '../../shared/contract/desktop.js';
import { useClient } from '../app/client-context.js';
import { useLeadQuery } from './use-lead-query.js';

/** The value of the "none" choice: a select shows an empty value as no choice at all, its label over nothing. */
const NONE = '*';

export function ReviewerSelect({ label, noneLabel, value, onChange, size }: { label: string; noneLabel: string; value: string; onChange(reviewer: DeskUser | null): void; size?: 'small' }) {
  const client = useClient();
  const users = useLeadQuery(() => client['lead.reviewers']({}), 'reviewers');
  const reviewers = (users.data?.users ?? []).filter((u) => u.role === 'reviewer');
  // Until the list has come, a chosen reviewer is shown as the "none" choice rather than as nothing.
  const shown = reviewers.some((r) => r.id === value) ? value : NONE;
  return (
    <TextField select size={size} label={label} value={shown} onChange={(e) => onChange(reviewers.find((r) => r.id === e.target.value) ?? null)} sx={{ minWidth: 200 }}>
      <MenuItem value={NONE}>{noneLabel}</MenuItem>
      {reviewers.map((r) => (
        <MenuItem key={r.id} value={r.id}>
          {r.name}
        </MenuItem>
      ))}
    </TextField>
  );
}
