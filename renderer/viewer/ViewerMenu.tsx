// The viewer's "more tools" menu, as Firefox's secondary toolbar: print, save a copy, and how pages
// are laid out (scroll mode: vertical, horizontal, wrapped, one page at a time; spreads: none, odd,
// even). Printing draws every page first: its progress shows beside the button and can be stopped.
import CheckIcon from '@mui/icons-material/Check';
import DownloadOutlinedIcon from '@mui/icons-material/DownloadOutlined';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import PrintOutlinedIcon from '@mui/icons-material/PrintOutlined';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SCROLL_MODES, SPREAD_MODES, type PdfController, type ScrollModeName, type SpreadModeName } from './pdf-controller.js';
import type { PDFDocumentProxy } from './pdfjs.js';
import { printDocument } from './print-document.js';
import { saveCopy } from './save-copy.js';
import { useViewerState } from './use-viewer-state.js';

export function ViewerMenu({ controller, doc, filename }: { controller: PdfController | null; doc: PDFDocumentProxy | null; filename: string }) {
  const { t } = useTranslation();
  const state = useViewerState(controller);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [printing, setPrinting] = useState<{ done: number; total: number } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const printAbort = useRef<AbortController | null>(null);
  const close = () => setAnchor(null);

  const print = () => {
    close();
    if (!doc || printing) return;
    const abort = new AbortController();
    printAbort.current = abort;
    setFailed(null);
    setPrinting({ done: 0, total: doc.numPages });
    printDocument(doc, (done, total) => setPrinting({ done, total }), abort.signal)
      .catch((error: Error) => setFailed(t('viewer.printFailed', { detail: error.message })))
      .finally(() => setPrinting(null));
  };
  const save = () => {
    close();
    if (doc) saveCopy(doc, filename).catch((error: Error) => setFailed(t('viewer.saveFailed', { detail: error.message })));
  };
  const radio = (checked: boolean, label: string, onClick: () => void, disabled = false) => (
    <MenuItem key={label} role="menuitemradio" aria-checked={checked} disabled={disabled} onClick={onClick} dense>
      <ListItemIcon>{checked && <CheckIcon fontSize="small" />}</ListItemIcon>
      <ListItemText>{label}</ListItemText>
    </MenuItem>
  );
  const horizontal = state.scrollMode === 'horizontal';

  return (
    <>
      {printing && (
        <>
          <Typography variant="body2" role="status" sx={{ color: 'text.secondary' }}>
            {t('viewer.preparingPrint', { done: printing.done, total: printing.total })}
          </Typography>
          <Button color="inherit" onClick={() => printAbort.current?.abort()}>
            {t('common.cancel')}
          </Button>
        </>
      )}
      {failed && (
        <Typography variant="body2" role="alert" sx={{ color: 'error.main', maxWidth: 360 }}>
          {failed}
        </Typography>
      )}
      <Tooltip title={t('viewer.moreTools')}>
        <span>
          <IconButton aria-label={t('viewer.moreTools')} aria-haspopup="menu" aria-expanded={!!anchor} onClick={(e) => setAnchor(e.currentTarget)} disabled={!doc || state.pages === 0}>
            <MoreVertIcon />
          </IconButton>
        </span>
      </Tooltip>
      <Menu anchorEl={anchor} open={!!anchor} onClose={close} anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }} transformOrigin={{ vertical: 'top', horizontal: 'right' }}>
        <MenuItem onClick={print} disabled={!!printing} dense>
          <ListItemIcon>
            <PrintOutlinedIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText>{t('viewer.print')}</ListItemText>
        </MenuItem>
        <MenuItem onClick={save} dense>
          <ListItemIcon>
            <DownloadOutlinedIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText>{t('viewer.saveCopy')}</ListItemText>
        </MenuItem>
        <Divider />
        <ListSubheader>{t('viewer.scrollMode.title')}</ListSubheader>
        {(Object.keys(SCROLL_MODES) as ScrollModeName[]).map((mode) =>
          radio(state.scrollMode === mode, t(`viewer.scrollMode.${mode}`), () => {
            controller?.setLayout({ scrollMode: mode });
            close();
          }),
        )}
        <Divider />
        <ListSubheader>{t('viewer.spreadMode.title')}</ListSubheader>
        {/* As in Firefox: pages side by side do not combine with a horizontal strip. */}
        {(Object.keys(SPREAD_MODES) as SpreadModeName[]).map((mode) =>
          radio(
            state.spreadMode === mode,
            t(`viewer.spreadMode.${mode}`),
            () => {
              controller?.setLayout({ spreadMode: mode });
              close();
            },
            horizontal,
          ),
        )}
      </Menu>
    </>
  );
}
