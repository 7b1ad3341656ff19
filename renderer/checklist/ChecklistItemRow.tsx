// One checklist item: its number (the shortcut key), label, passed / missing state, an optional
// note, pinned evidence and what the PoE text suggests for it.
import AddCommentOutlinedIcon from '@mui/icons-material/AddCommentOutlined';
import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import PushPinOutlinedIcon from '@mui/icons-material/PushPinOutlined';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistItem, ChecklistKey, EvidencePin } from '../../shared/domain/checklist.js';
import { checklistItemLabel } from '../../shared/i18n/index.js';
import { useViewerState } from '../viewer/use-viewer-state.js';
import { useViewer } from '../viewer/viewer-context.js';
import type { ReviewDraft } from './review-draft.js';
import { SuggestionList } from './SuggestionList.js';
import type { ItemSuggestions } from './suggestions.js';
import { MAX_NOTE_LENGTH } from '../../shared/domain/limits.js';

const STATE_COLOR = { passed: 'success.main', missing: 'error.main', unchecked: 'text.secondary' } as const;

export function ChecklistItemRow(props: {
  itemKey: ChecklistKey;
  shortcut: number | null;
  item: ChecklistItem;
  draft: ReviewDraft;
  editable: boolean;
  suggestions: ItemSuggestions | undefined;
  reading: boolean;
}) {
  const { itemKey, item, draft, editable } = props;
  const { t } = useTranslation();
  const viewer = useViewer();
  const page = useViewerState(viewer.controller, (s) => s.page);
  const hasPages = useViewerState(viewer.controller, (s) => s.pages > 0);
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const [noteOpen, setNoteOpen] = useState(!!item.note);
  const label = checklistItemLabel(t, itemKey);
  const multipleDocs = viewer.documents.length > 1;
  const docNumber = (sha: string) => viewer.documents.findIndex((d) => d.sha256 === sha) + 1;
  const selection = menu ? viewer.controller?.selectedText() : null;
  const sha = viewer.activeSha;
  const labelId = `item-${itemKey.replace(':', '-')}`;

  const pin = (evidence: Omit<EvidencePin, 'documentSha256'>) => {
    if (sha) draft.pin(itemKey, { documentSha256: sha, ...evidence });
    setMenu(null);
  };

  const showPin = (e: EvidencePin) => {
    if (e.region) {
      viewer.setActiveSha(e.documentSha256);
      viewer.show(e.documentSha256, e.page);
      setTimeout(() => viewer.controller?.showRegion(e.page, e.region!), 300);
    } else viewer.show(e.documentSha256, e.page, e.text?.slice(0, 80));
  };

  return (
    <Box component="li" aria-labelledby={labelId} sx={{ listStyle: 'none', py: 1, px: 1.5, borderBottom: 1, borderColor: 'divider', borderLeft: 3, borderLeftColor: item.state === 'missing' ? 'error.main' : item.state === 'passed' ? 'success.main' : 'transparent' }}>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
        {props.shortcut !== null && (
          <Box component="kbd" aria-hidden sx={{ mt: 0.125, minWidth: 20, height: 20, display: 'grid', placeItems: 'center', fontSize: 11, fontWeight: 700, borderRadius: 0.75, border: 1, borderColor: 'divider', color: 'text.secondary', fontFamily: 'inherit' }}>
            {props.shortcut}
          </Box>
        )}
        <Typography id={labelId} variant="body2" sx={{ fontWeight: 600, lineHeight: 1.35, flex: 1 }}>
          {label}
        </Typography>
      </Box>
      {/* The state's word, then the controls as one unbroken group: in a narrow panel or a longer
          language (cs: "Nezkontrolováno", "V pořádku") the group moves under the word, never wraps its labels or runs off the edge. */}
      <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 0.5, rowGap: 0.25, alignItems: 'center', mt: 0.5, pl: props.shortcut !== null ? 3.5 : 0 }}>
        <Typography variant="caption" sx={{ color: STATE_COLOR[item.state], fontWeight: 700, flex: 1 }}>
          {t(`domain:itemState.${item.state}`)}
        </Typography>
        <Box sx={{ display: 'flex', gap: 0.5, alignItems: 'center', ml: 'auto', whiteSpace: 'nowrap' }}>
          <ToggleButtonGroup
            exclusive
            value={item.state === 'unchecked' ? null : item.state}
            onChange={(_e, v: 'passed' | 'missing' | null) => draft.setState(itemKey, v ?? 'unchecked')}
            disabled={!editable}
            aria-label={t('checklist.stateOf', { item: label })}
          >
            <ToggleButton value="passed" color="success" sx={{ px: 1, py: 0.125, gap: 0.5, fontSize: 12 }}>
              <CheckIcon sx={{ fontSize: 16 }} aria-hidden />
              {t('domain:itemState.passed')}
            </ToggleButton>
            <ToggleButton value="missing" color="error" sx={{ px: 1, py: 0.125, gap: 0.5, fontSize: 12 }}>
              <CloseIcon sx={{ fontSize: 16 }} aria-hidden />
              {t('domain:itemState.missing')}
            </ToggleButton>
          </ToggleButtonGroup>
          <Tooltip title={t('checklist.addNote')}>
            <span>
              <IconButton aria-label={t('checklist.addNoteTo', { item: label })} onClick={() => setNoteOpen(true)} disabled={!editable || noteOpen}>
                <AddCommentOutlinedIcon fontSize="small" />
              </IconButton>
            </span>
          </Tooltip>
          <Tooltip title={t('evidence.pin')}>
            <span>
              <IconButton aria-label={t('evidence.pinTo', { item: label })} aria-haspopup="menu" onClick={(e) => setMenu(e.currentTarget)} disabled={!editable || !sha}>
                <PushPinOutlinedIcon fontSize="small" />
              </IconButton>
            </span>
          </Tooltip>
          <Menu anchorEl={menu} open={!!menu} onClose={() => setMenu(null)}>
            <MenuItem onClick={() => pin({ page })} disabled={page === 0}>
              <ListItemText primary={t('evidence.pinPage', { page })} />
            </MenuItem>
            <MenuItem onClick={() => selection && pin({ page: selection.page, text: selection.text })} disabled={!selection}>
              <ListItemText primary={t('evidence.pinSelection')} secondary={selection ? `“${selection.text.slice(0, 40)}${selection.text.length > 40 ? '…' : ''}”` : t('evidence.selectFirst')} />
            </MenuItem>
            <MenuItem
              onClick={() => {
                setMenu(null);
                const onSha = sha;
                viewer.pickRegion((pick) => pick && onSha && draft.pin(itemKey, { documentSha256: onSha, page: pick.page, region: pick.region }));
              }}
              disabled={!hasPages}
            >
              <ListItemText primary={t('evidence.pinRegion')} />
            </MenuItem>
          </Menu>
        </Box>
      </Box>
      {noteOpen && (
        <TextField
          multiline
          fullWidth
          minRows={1}
          maxRows={4}
          placeholder={t('checklist.notePlaceholder')}
          value={item.note ?? ''}
          onChange={(e) => draft.setNote(itemKey, e.target.value)}
          onBlur={() => !item.note && setNoteOpen(false)}
          disabled={!editable}
          sx={{ mt: 1 }}
          slotProps={{ htmlInput: { 'aria-label': t('checklist.noteFor', { item: label }), maxLength: MAX_NOTE_LENGTH } }}
        />
      )}
      {item.evidence.length > 0 && (
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, mt: 1 }} aria-label={t('evidence.pinned')}>
          {item.evidence.map((e, i) => {
            const where = multipleDocs ? t('evidence.docPage', { doc: docNumber(e.documentSha256), page: e.page }) : t('evidence.page', { page: e.page });
            const what = e.text ? `“${e.text.slice(0, 32)}${e.text.length > 32 ? '…' : ''}”` : e.region ? t('evidence.region') : '';
            return (
              <Chip
                key={i}
                icon={<PushPinOutlinedIcon aria-hidden />}
                label={what ? `${where} · ${what}` : where}
                onClick={() => showPin(e)}
                onDelete={editable ? () => draft.unpin(itemKey, i) : undefined}
                variant="outlined"
                sx={{ maxWidth: '100%' }}
              />
            );
          })}
        </Box>
      )}
      <SuggestionList suggestions={props.suggestions} reading={props.reading} />
    </Box>
  );
}
