// Find in the PoE (F or Ctrl+F): every match highlighted, "3 of 7", Enter / Shift+Enter for the
// next / previous match, Escape closes. Case and whole-word options as in Firefox.
import CloseIcon from '@mui/icons-material/Close';
import KeyboardArrowDownIcon from '@mui/icons-material/KeyboardArrowDown';
import KeyboardArrowUpIcon from '@mui/icons-material/KeyboardArrowUp';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PdfController } from './pdf-controller.js';
import { useViewerState } from './use-viewer-state.js';

export function FindBar({ controller, focusRequest, onClose }: { controller: PdfController; focusRequest: number; onClose(): void }) {
  const { t } = useTranslation();
  const state = useViewerState(controller);
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState(state.find.query);
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [entireWord, setEntireWord] = useState(false);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [focusRequest]);
  // A find started from elsewhere (a suggestion's link) shows its query here.
  useEffect(() => setQuery(state.find.query), [state.find.query]);

  const run = (q: string, again = false, previous = false) => controller.find(q, { caseSensitive, entireWord }, again, previous);
  const f = state.find;
  const status =
    f.state === 'pending' ? t('viewer.findSearching') : f.state === 'not_found' ? t('viewer.findNone') : f.total > 0 ? t('viewer.findCount', { current: f.current, total: f.total }) : '';

  return (
    <Box role="search" aria-label={t('viewer.find')} sx={{ display: 'flex', alignItems: 'center', gap: 0.5, px: 1, py: 0.5, borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
      <TextField
        inputRef={input}
        value={query}
        placeholder={t('viewer.findPlaceholder')}
        onChange={(e) => {
          setQuery(e.target.value);
          run(e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            run(query, true, e.shiftKey);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
        error={f.state === 'not_found'}
        sx={{ width: 260 }}
        slotProps={{ htmlInput: { 'aria-label': t('viewer.findLabel'), 'aria-describedby': 'find-status' } }}
      />
      <Tooltip title={t('viewer.findPrevious')}>
        <span>
          <IconButton aria-label={t('viewer.findPrevious')} onClick={() => run(query, true, true)} disabled={!query}>
            <KeyboardArrowUpIcon />
          </IconButton>
        </span>
      </Tooltip>
      <Tooltip title={t('viewer.findNext')}>
        <span>
          <IconButton aria-label={t('viewer.findNext')} onClick={() => run(query, true, false)} disabled={!query}>
            <KeyboardArrowDownIcon />
          </IconButton>
        </span>
      </Tooltip>
      <ToggleButton
        value="case"
        selected={caseSensitive}
        onChange={() => {
          setCaseSensitive(!caseSensitive);
          controller.find(query, { caseSensitive: !caseSensitive, entireWord });
        }}
        sx={{ py: 0.25 }}
      >
        {t('viewer.matchCase')}
      </ToggleButton>
      <ToggleButton
        value="word"
        selected={entireWord}
        onChange={() => {
          setEntireWord(!entireWord);
          controller.find(query, { caseSensitive, entireWord: !entireWord });
        }}
        sx={{ py: 0.25 }}
      >
        {t('viewer.wholeWords')}
      </ToggleButton>
      <Typography id="find-status" variant="body2" role="status" sx={{ ml: 1, minWidth: 90, color: f.state === 'not_found' ? 'error.main' : 'text.secondary' }}>
        {status}
      </Typography>
      <Box sx={{ flex: 1 }} />
      <Tooltip title={t('viewer.closeFind')}>
        <IconButton aria-label={t('viewer.closeFind')} onClick={onClose}>
          <CloseIcon />
        </IconButton>
      </Tooltip>
    </Box>
  );
}
