// A decision's checklist as it was decided, and its pinned evidence drawn in the PoE viewer around
// it: the lead's claim as decided (issue 16.2) and the QA reviewer's comparison after the verdict
// (16.8) show a decided checklist item, and a pin on its page, the same way.
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import type { TFunction } from 'i18next';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Checklist, ChecklistItem, ChecklistKey, EvidencePin } from '../../shared/domain/checklist.js';
import { checklistItemLabel } from '../../shared/i18n/index.js';
import type { PdfController } from '../viewer/pdf-controller.js';
import { useViewerState } from '../viewer/use-viewer-state.js';
import { useViewer } from '../viewer/viewer-context.js';

function pinLabel(t: TFunction, pin: EvidencePin): string {
  return `${t('lead:decided.page', { page: pin.page })}${pin.text ? ` · “${pin.text.slice(0, 40)}”` : ''}`;
}

/** One checklist item as decided: its state, note and pins (a pin shows its place in the viewer); `children` beside it. */
export function DecidedItem({ itemKey, item, children }: { itemKey: ChecklistKey; item: ChecklistItem; children?: ReactNode }) {
  const { t } = useTranslation();
  const show = usePinShower();
  return (
    <Box component="li" sx={{ py: 0.75, pl: 1, borderLeft: 3, borderColor: item.state === 'missing' ? 'error.main' : item.state === 'passed' ? 'success.main' : 'divider', mb: 0.5 }}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {checklistItemLabel(t, itemKey)} · {t(`domain:itemState.${item.state}`)}
      </Typography>
      {item.note && <Typography variant="body2">{t('lead:decided.note', { note: item.note })}</Typography>}
      {item.evidence.length > 0 && (
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', mt: 0.5 }}>
          {item.evidence.map((pin, i) => (
            <Chip key={i} size="small" variant="outlined" clickable label={pinLabel(t, pin)} onClick={() => show(pin)} data-pin={pin.region ? 'region' : 'text'} />
          ))}
        </Box>
      )}
      {children}
    </Box>
  );
}

/** The decision's first pinned region (else its first pin). */
function firstPin(checklist: Checklist | null): EvidencePin | null {
  const pins = Object.values(checklist ?? {}).flatMap((item) => item?.evidence ?? []);
  return pins.find((p) => p.region) ?? pins[0] ?? null;
}

/**
 * Draws a pinned region on its page and keeps it there, as soon as that page exists: the viewer
 * swaps documents and pdf.js fetches pages lazily, so it tries again until the box is on the page.
 */
function drawRegion(controller: PdfController, pin: EvidencePin): () => void {
  let tries = 0;
  const timer = setInterval(() => {
    controller.showRegion(pin.page, pin.region!, true);
    if (document.querySelector(`.poe-region-mark[data-kept]`) || ++tries > 40) clearInterval(timer);
  }, 250);
  return () => clearInterval(timer);
}

/** Shows a pin: its document and page, the region drawn or the quote found and highlighted. */
export function usePinShower(): (pin: EvidencePin) => void {
  const viewer = useViewer();
  const [wanted, setWanted] = useState<EvidencePin | null>(null);
  const { firstPageDrawn } = useViewerState(viewer.controller);
  const { controller, activeSha } = viewer;
  useEffect(() => {
    if (!wanted?.region || !controller || activeSha !== wanted.documentSha256 || !firstPageDrawn) return;
    for (const old of document.querySelectorAll('.poe-region-mark[data-kept]')) old.remove();
    return drawRegion(controller, wanted);
  }, [wanted, controller, activeSha, firstPageDrawn]);
  return useCallback(
    (pin: EvidencePin) => {
      viewer.show(pin.documentSha256, pin.page, pin.region ? undefined : pin.text?.slice(0, 80));
      setWanted(pin);
    },
    [viewer],
  );
}

/** The decision's first pin is shown when the claim opens. */
export function FirstPin({ checklist }: { checklist: Checklist | null }) {
  const { controller } = useViewer();
  const show = usePinShower();
  const shown = useRef(false);
  useEffect(() => {
    const pin = firstPin(checklist);
    if (shown.current || !pin || !controller) return;
    shown.current = true;
    show(pin);
  }, [checklist, controller, show]);
  return null;
}
