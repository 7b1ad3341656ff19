// A claim status as a chip: the domain's word for it, an icon and a colour (never colour alone).
import CancelOutlinedIcon from '@mui/icons-material/CancelOutlined';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlined';
import EditNoteIcon from '@mui/icons-material/EditNote';
import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty';
import InboxOutlinedIcon from '@mui/icons-material/InboxOutlined';
import ReplyIcon from '@mui/icons-material/Reply';
import Chip, { type ChipProps } from '@mui/material/Chip';
import type { SvgIconComponent } from '@mui/icons-material';
import { useTranslation } from 'react-i18next';
import type { ClaimStatus } from '../../shared/domain/model.js';

const LOOK: Record<ClaimStatus, { color: ChipProps['color']; Icon: SvgIconComponent }> = {
  draft: { color: 'default', Icon: EditNoteIcon },
  submitted: { color: 'info', Icon: InboxOutlinedIcon },
  in_review: { color: 'primary', Icon: HourglassEmptyIcon },
  partner_action_required: { color: 'warning', Icon: ReplyIcon },
  approved: { color: 'success', Icon: CheckCircleOutlineIcon },
  rejected: { color: 'error', Icon: CancelOutlinedIcon },
};

export function StatusChip({ status, size = 'small' }: { status: ClaimStatus; size?: ChipProps['size'] }) {
  const { t } = useTranslation();
  const { color, Icon } = LOOK[status];
  return <Chip size={size} variant="outlined" color={color} icon={<Icon aria-hidden />} label={t(`domain:status.${status}`)} sx={{ fontWeight: 600 }} />;
}
