// The shortcut sheet (?): every key the desk answers to, in the order a reviewer uses them.
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useTranslation } from 'react-i18next';

const KEYS: [string[], string][] = [
  [['J', 'K'], 'nextPrevious'],
  [['S'], 'startReview'],
  [['A'], 'approve'],
  [['P'], 'request'],
  [['X'], 'reject'],
  [['1', '…', '9'], 'toggleItem'],
  [['F', 'Ctrl+F'], 'find'],
  [['Enter', 'Shift+Enter'], 'findNext'],
  [['PgDn', 'PgUp'], 'page'],
  [['+', '−'], 'zoom'],
  [['Ctrl+Enter'], 'send'],
  [['Esc'], 'close'],
  [['?'], 'help'],
];

export function HelpSheet({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="help-title" maxWidth="sm" fullWidth>
      <DialogTitle id="help-title">{t('help.title')}</DialogTitle>
      <DialogContent dividers>
        <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 3, rowGap: 1, m: 0 }}>
          {KEYS.map(([keys, what]) => (
            <Box key={what} sx={{ display: 'contents' }}>
              <Box component="dt" sx={{ display: 'flex', gap: 0.5 }}>
                {keys.map((k) => (
                  <Box key={k} component={k === '…' ? 'span' : 'kbd'} sx={k === '…' ? {} : { fontFamily: 'inherit', fontSize: 12, fontWeight: 700, px: 0.75, py: 0.125, border: 1, borderColor: 'divider', borderRadius: 0.75, bgcolor: 'action.hover' }}>
                    {k}
                  </Box>
                ))}
              </Box>
              <Box component="dd" sx={{ m: 0, fontSize: 14 }}>
                {t(`help.${what}`)}
              </Box>
            </Box>
          ))}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          {t('common.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
