// The files attached to the document. A PDF opens in the same safe viewer (no scripts, its own
// password prompt); any file can be saved as a copy. Names and descriptions are shown as text only.
import AttachFileIcon from '@mui/icons-material/AttachFile';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../app/settings.js';
import { formatBytes } from '../format/datetime.js';
import { AttachmentViewer } from './AttachmentViewer.js';
import type { Attachment } from './document-extras.js';
import { saveCopy } from './save-copy.js';

export function Attachments({ attachments, parentName }: { attachments: Attachment[]; parentName: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [open, setOpen] = useState<Attachment | null>(null);
  return (
    <Box component="section" aria-label={t('viewer.attachments')} sx={{ p: 1 }}>
      <Box component="ul" sx={{ m: 0, p: 0 }}>
        {attachments.map((a) => (
          <Box component="li" key={a.filename} sx={{ listStyle: 'none', py: 1, borderBottom: 1, borderColor: 'divider' }}>
            <Stack direction="row" spacing={0.5} sx={{ alignItems: 'flex-start' }}>
              <AttachFileIcon fontSize="small" aria-hidden sx={{ mt: 0.25, color: 'text.secondary' }} />
              <Box sx={{ minWidth: 0 }}>
                <Typography variant="body2" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
                  {a.filename}
                </Typography>
                <Typography variant="caption" sx={{ color: 'text.secondary', display: 'block' }}>
                  {a.description ? `${a.description} · ` : ''}
                  {formatBytes(a.content.byteLength, locale)}
                </Typography>
              </Box>
            </Stack>
            <Stack direction="row" spacing={0.5} sx={{ mt: 0.5, pl: 3 }}>
              {a.isPdf && (
                <Button size="small" variant="outlined" onClick={() => setOpen(a)} aria-label={t('viewer.openAttachment', { name: a.filename })}>
                  {t('viewer.open')}
                </Button>
              )}
              <Button size="small" onClick={() => void saveCopy(a.content, a.filename)} aria-label={t('viewer.saveAttachment', { name: a.filename })}>
                {t('viewer.saveCopy')}
              </Button>
            </Stack>
          </Box>
        ))}
      </Box>
      {open && <AttachmentViewer attachment={open} parentName={parentName} onClose={() => setOpen(null)} />}
    </Box>
  );
}
