// The viewer's toolbar, as in Firefox's: sidebar, page navigation, zoom (fit width, fit page,
// steps), rotation, find, and the more-tools menu (print, save a copy, scroll and spread modes).
// Every button has a label and names its shortcut.
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import RotateLeftIcon from '@mui/icons-material/RotateLeft';
import RotateRightIcon from '@mui/icons-material/RotateRight';
import SearchIcon from '@mui/icons-material/Search';
import ViewSidebarOutlinedIcon from '@mui/icons-material/ViewSidebarOutlined';
import ZoomInIcon from '@mui/icons-material/ZoomIn';
import ZoomOutIcon from '@mui/icons-material/ZoomOut';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { PdfController, ScaleValue } from './pdf-controller.js';
import type { PDFDocumentProxy } from './pdfjs.js';
import { useViewerState } from './use-viewer-state.js';
import { ViewerMenu } from './ViewerMenu.js';

const PRESETS: ScaleValue[] = ['page-width', 'page-fit', 'auto', 'page-actual', 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4];

function ToolButton({ label, onClick, disabled, children, pressed }: { label: string; onClick(): void; disabled?: boolean; children: ReactElement; pressed?: boolean }) {
  return (
    <Tooltip title={label}>
      <span>
        <IconButton aria-label={label} aria-pressed={pressed} onClick={onClick} disabled={disabled} color={pressed ? 'primary' : 'default'}>
          {children}
        </IconButton>
      </span>
    </Tooltip>
  );
}

/** sidebar and find are the claim viewer's; an attachment's viewer has neither. */
export function ViewerToolbar(props: { controller: PdfController | null; doc: PDFDocumentProxy | null; filename: string; sidebar?: { open: boolean; onToggle(): void }; find?: { open: boolean; onFind(): void } }) {
  const { controller } = props;
  const { t } = useTranslation();
  const state = useViewerState(controller);
  const [pageText, setPageText] = useState('');
  useEffect(() => setPageText(state.page ? String(state.page) : ''), [state.page]);
  const ready = !!controller && state.pages > 0;
  const scaleLabel = (v: ScaleValue) => (typeof v === 'number' ? `${Math.round(v * 100)} %` : t(`viewer.zoom.${v}`));
  const selectValue = PRESETS.includes(state.scaleValue) ? String(state.scaleValue) : 'custom';

  return (
    <Box role="toolbar" aria-label={t('viewer.toolbar')} sx={{ display: 'flex', alignItems: 'center', gap: 0.5, px: 1, py: 0.5, borderBottom: 1, borderColor: 'divider', flexWrap: 'wrap' }}>
      {props.sidebar && (
        <>
          <ToolButton label={t('viewer.sidebar')} onClick={props.sidebar.onToggle} pressed={props.sidebar.open}>
            <ViewSidebarOutlinedIcon />
          </ToolButton>
          <Divider orientation="vertical" flexItem sx={{ mx: 0.5 }} />
        </>
      )}
      <ToolButton label={t('viewer.previousPage')} onClick={() => controller?.previousPage()} disabled={!ready || state.page <= 1}>
        <ChevronLeftIcon />
      </ToolButton>
      <TextField
        value={pageText}
        onChange={(e) => setPageText(e.target.value.replace(/\D/g, ''))}
        onKeyDown={(e) => {
          if (e.key === 'Enter') controller?.goToPage(Number(pageText));
        }}
        onBlur={() => setPageText(String(state.page || ''))}
        disabled={!ready}
        sx={{ width: 56 }}
        slotProps={{ htmlInput: { 'aria-label': t('viewer.pageNumber'), inputMode: 'numeric', style: { textAlign: 'center', padding: '4px 6px' } } }}
      />
      <Typography variant="body2" sx={{ color: 'text.secondary', minWidth: 44 }}>
        {t('viewer.ofPages', { count: state.pages })}
      </Typography>
      {state.labels && state.page > 0 && (
        <Typography variant="body2" title={t('viewer.pageLabel')} data-testid="page-label" sx={{ color: 'text.secondary' }}>
          ({state.labels[state.page - 1]})
        </Typography>
      )}
      <ToolButton label={t('viewer.nextPage')} onClick={() => controller?.nextPage()} disabled={!ready || state.page >= state.pages}>
        <ChevronRightIcon />
      </ToolButton>
      <Divider orientation="vertical" flexItem sx={{ mx: 0.5 }} />
      <ToolButton label={t('viewer.zoomOut')} onClick={() => controller?.zoomOut()} disabled={!ready}>
        <ZoomOutIcon />
      </ToolButton>
      <Select
        value={selectValue}
        onChange={(e) => controller?.setScale(e.target.value === String(Number(e.target.value)) ? Number(e.target.value) : (e.target.value as ScaleValue))}
        disabled={!ready}
        inputProps={{ 'aria-label': t('viewer.zoomLevel') }}
        sx={{ minWidth: 130, '& .MuiSelect-select': { py: '4px' } }}
        renderValue={(v) => (v === 'custom' ? `${Math.round(state.scale * 100)} %` : scaleLabel(PRESETS.find((p) => String(p) === v) ?? 'auto'))}
      >
        {PRESETS.map((p) => (
          <MenuItem key={String(p)} value={String(p)} dense>
            {scaleLabel(p)}
          </MenuItem>
        ))}
        <MenuItem value="custom" sx={{ display: 'none' }}>
          {Math.round(state.scale * 100)} %
        </MenuItem>
      </Select>
      <ToolButton label={t('viewer.zoomIn')} onClick={() => controller?.zoomIn()} disabled={!ready}>
        <ZoomInIcon />
      </ToolButton>
      <Divider orientation="vertical" flexItem sx={{ mx: 0.5 }} />
      <ToolButton label={t('viewer.rotateLeft')} onClick={() => controller?.rotate(-90)} disabled={!ready}>
        <RotateLeftIcon />
      </ToolButton>
      <ToolButton label={t('viewer.rotateRight')} onClick={() => controller?.rotate(90)} disabled={!ready}>
        <RotateRightIcon />
      </ToolButton>
      <Box sx={{ flex: 1 }} />
      {props.find && (
        <ToolButton label={t('viewer.find')} onClick={props.find.onFind} disabled={!ready} pressed={props.find.open}>
          <SearchIcon />
        </ToolButton>
      )}
      <ViewerMenu controller={controller} doc={props.doc} filename={props.filename} />
    </Box>
  );
}
