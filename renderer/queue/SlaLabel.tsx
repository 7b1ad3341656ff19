// An SLA reading as text, icon and colour together ("Overdue 2 business days"), never colour alone.
import AccessTimeIcon from '@mui/icons-material/AccessTime';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlined';
import PauseCircleOutlineIcon from '@mui/icons-material/PauseCircleOutlined';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import Box from '@mui/material/Box';
import { useTranslation } from 'react-i18next';
import { clockReadingText } from '../../shared/i18n/index.js';
import type { Severity, SlaView } from './sla.js';

const COLOR: Record<Severity, string> = {
  overdue: 'error.main',
  due_soon: 'warning.main',
  on_track: 'text.secondary',
  inactive: 'text.secondary',
};

export function SlaLabel({ sla, strong = false }: { sla: SlaView; strong?: boolean }) {
  const { t } = useTranslation();
  const Icon = sla.severity === 'overdue' ? ErrorOutlineIcon : sla.severity === 'due_soon' ? WarningAmberIcon : sla.reading.kind === 'paused' ? PauseCircleOutlineIcon : AccessTimeIcon;
  return (
    <Box
      component="span"
      sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, color: COLOR[sla.severity], fontWeight: strong || sla.severity !== 'on_track' ? 600 : 400, whiteSpace: 'nowrap' }}
    >
      <Icon sx={{ fontSize: 16 }} aria-hidden />
      {clockReadingText(t, sla.reading, sla.unit)}
    </Box>
  );
}
