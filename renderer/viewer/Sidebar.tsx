// The viewer's sidebar, as Firefox's: page thumbnails, the document's outline (bookmarks) and its
// attached files, one at a time; outline and attachments are offered only where the PDF has them.
import AttachFileIcon from '@mui/icons-material/AttachFile';
import PhotoLibraryOutlinedIcon from '@mui/icons-material/PhotoLibraryOutlined';
import TocIcon from '@mui/icons-material/Toc';
import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { useEffect, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Attachments } from './Attachments.js';
import type { DocumentExtras } from './document-extras.js';
import { Outline } from './Outline.js';
import type { PdfController } from './pdf-controller.js';
import type { PDFDocumentProxy } from './pdfjs.js';
import { Thumbnails } from './Thumbnails.js';

export type SidebarView = 'thumbnails' | 'outline' | 'attachments';

export function Sidebar(props: { doc: PDFDocumentProxy; name: string; controller: PdfController; extras: DocumentExtras; view: SidebarView; onView(view: SidebarView): void }) {
  const { t } = useTranslation();
  const { extras, view, onView } = props;
  const has = { thumbnails: true, outline: extras.outline.length > 0, attachments: extras.attachments.length > 0 };
  // Another document without this view: back to its thumbnails.
  useEffect(() => {
    if (!has[view]) onView('thumbnails');
  });
  const shown = has[view] ? view : 'thumbnails';
  const tab = (value: SidebarView, label: string, icon: ReactElement) => (
    <Tab value={value} icon={icon} aria-label={label} title={label} disabled={!has[value]} sx={{ minWidth: 0, flex: 1, minHeight: 36, py: 0 }} />
  );
  return (
    <Box sx={{ width: 200, flexShrink: 0, display: 'flex', flexDirection: 'column', borderRight: 1, borderColor: 'divider', bgcolor: 'background.default' }}>
      <Tabs value={shown} onChange={(_e, v: SidebarView) => onView(v)} aria-label={t('viewer.sidebar')} sx={{ minHeight: 36, borderBottom: 1, borderColor: 'divider' }}>
        {tab('thumbnails', t('viewer.thumbnails'), <PhotoLibraryOutlinedIcon fontSize="small" />)}
        {tab('outline', t('viewer.outline'), <TocIcon fontSize="small" />)}
        {tab('attachments', t('viewer.attachmentsCount', { count: extras.attachments.length }), <AttachFileIcon fontSize="small" />)}
      </Tabs>
      <Box sx={{ flex: 1, minHeight: 0, overflow: 'auto', display: 'flex' }}>
        {shown === 'thumbnails' && <Thumbnails doc={props.doc} controller={props.controller} />}
        {shown === 'outline' && <Outline outline={extras.outline} controller={props.controller} />}
        {shown === 'attachments' && <Attachments attachments={extras.attachments} parentName={props.name} />}
      </Box>
    </Box>
  );
}
