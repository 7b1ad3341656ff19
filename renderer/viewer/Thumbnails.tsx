// Page thumbnails beside the PoE: virtualised (a 300-page PoE creates a dozen canvases, not 300),
// rendered lazily as they scroll into view, the current page marked; click or Enter to go there.
// An XFA form's pages are its XFA layer made small (a canvas would stay blank).
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PdfController } from './pdf-controller.js';
import { pdfjsLib, SimpleLinkService, type PDFDocumentProxy } from './pdfjs.js';
import { useViewerState } from './use-viewer-state.js';

const WIDTH = 112;
const ITEM_HEIGHT = 188;

/** Rendered thumbnails per document and rotation, so scrolling back does not render again. */
const rendered = new WeakMap<PDFDocumentProxy, Map<string, string>>();
/**
 * The most recent ones only: a 1,000-page PoE scrolled end to end would otherwise keep 1,000 images
 * (issue 18.7). Enough for the list on screen and well beyond; older ones are drawn again if needed.
 */
const KEPT_PER_DOCUMENT = 60;

function Thumbnail({ doc, page, rotation, allowed }: { doc: PDFDocumentProxy; page: number; rotation: number; allowed: boolean }) {
  const key = `${page}@${rotation}`;
  // What this item drew last, and for which document, page and rotation: a turn of the pages (or
  // another document in the same slot) must draw anew, never keep showing the old image.
  const [drawn, setDrawn] = useState<{ doc: PDFDocumentProxy; key: string; url: string } | null>(null);
  const src = drawn?.doc === doc && drawn.key === key ? drawn.url : (rendered.get(doc)?.get(key) ?? null);
  useEffect(() => {
    if (src || !allowed) return;
    let cancelled = false;
    let cancelRender = () => undefined as void;
    void (async () => {
      const p = await doc.getPage(page);
      if (cancelled) return;
      const base = p.getViewport({ scale: 1, rotation: (p.rotate + rotation) % 360 });
      const viewport = p.getViewport({ scale: (WIDTH * 2) / base.width, rotation: (p.rotate + rotation) % 360 });
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      const task = p.render({ canvas, viewport });
      cancelRender = () => task.cancel();
      await task.promise;
      const url = canvas.toDataURL('image/png');
      let cache = rendered.get(doc);
      if (!cache) rendered.set(doc, (cache = new Map()));
      cache.set(key, url);
      if (cache.size > KEPT_PER_DOCUMENT) cache.delete(cache.keys().next().value!);
      if (!cancelled) setDrawn({ doc, key, url });
    })().catch(() => undefined);
    return () => {
      cancelled = true;
      cancelRender();
    };
  }, [doc, page, rotation, key, src, allowed]);
  return src ? (
    <Box component="img" src={src} alt="" data-rotation={rotation} sx={{ width: WIDTH, maxHeight: ITEM_HEIGHT - 32, objectFit: 'contain', bgcolor: '#fff', boxShadow: 1 }} />
  ) : (
    <Box sx={{ width: WIDTH, height: 150, bgcolor: 'action.hover' }} />
  );
}

/**
 * A page of an XFA form: its content is HTML that pdf.js lays out (the XFA layer the main view
 * shows), and drawing the page on a canvas gives a blank sheet. So the thumbnail is that layer,
 * scaled down, inert (its fields are for looking at; the main view is where they are read).
 */
function XfaThumbnail({ doc, page, rotation, allowed }: { doc: PDFDocumentProxy; page: number; rotation: number; allowed: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useEffect(() => {
    if (!allowed) return;
    let cancelled = false;
    const holder = ref.current!;
    void (async () => {
      const p = await doc.getPage(page);
      const xfaHtml = await p.getXfa();
      if (cancelled || !xfaHtml) return;
      const turn = (p.rotate + rotation) % 360;
      const viewport = p.getViewport({ scale: WIDTH / p.getViewport({ scale: 1, rotation: turn }).width, rotation: turn });
      const layer = document.createElement('div');
      pdfjsLib.XfaLayer.render({ viewport: viewport.clone({ dontFlip: true }), div: layer, xfaHtml, annotationStorage: doc.annotationStorage, linkService: new SimpleLinkService(), intent: 'display' });
      holder.replaceChildren(layer);
      setSize({ width: Math.ceil(viewport.width), height: Math.ceil(viewport.height) });
    })().catch(() => undefined);
    return () => {
      cancelled = true;
      holder.replaceChildren();
    };
  }, [doc, page, rotation, allowed]);
  return (
    <Box
      ref={ref}
      inert
      aria-hidden
      data-rotation={rotation}
      data-xfa-thumbnail
      sx={{ position: 'relative', overflow: 'hidden', width: size?.width ?? WIDTH, height: Math.min(size?.height ?? 150, ITEM_HEIGHT - 32), bgcolor: size ? '#fff' : 'action.hover', boxShadow: size ? 1 : 0 }}
    />
  );
}

export function Thumbnails({ doc, controller }: { doc: PDFDocumentProxy; controller: PdfController }) {
  const { t } = useTranslation();
  const state = useViewerState(controller);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: doc.numPages, getScrollElement: () => scrollRef.current, estimateSize: () => ITEM_HEIGHT, overscan: 3 });

  useEffect(() => {
    if (state.page > 0) virtualizer.scrollToIndex(state.page - 1, { align: 'auto' });
  }, [state.page, virtualizer]);

  return (
    <Box ref={scrollRef} component="nav" aria-label={t('viewer.thumbnails')} sx={{ flex: 1, overflow: 'auto' }}>
      <Box component="ol" sx={{ height: virtualizer.getTotalSize(), position: 'relative', m: 0, p: 0, listStyle: 'none' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const page = item.index + 1;
          const current = page === state.page;
          const label = state.labels?.[page - 1];
          return (
            <Box component="li" key={item.key} sx={{ position: 'absolute', top: 0, left: 0, right: 0, height: ITEM_HEIGHT, transform: `translateY(${item.start}px)`, display: 'flex', justifyContent: 'center', pt: 1 }}>
              <ButtonBase
                onClick={() => controller.goToPage(page)}
                aria-label={label ? t('viewer.goToLabelledPage', { page, label }) : t('viewer.goToPage', { page })}
                aria-current={current ? 'page' : undefined}
                sx={{ flexDirection: 'column', gap: 0.5, p: 0.5, borderRadius: 1, outline: current ? 2 : 0, outlineColor: 'primary.main', outlineStyle: 'solid' }}
              >
                {doc.isPureXfa ? <XfaThumbnail doc={doc} page={page} rotation={state.rotation} allowed={state.firstPageDrawn} /> : <Thumbnail doc={doc} page={page} rotation={state.rotation} allowed={state.firstPageDrawn} />}
                <Box component="span" sx={{ fontSize: 12, fontWeight: current ? 700 : 400, color: current ? 'primary.main' : 'text.secondary' }}>
                  {label ?? page}
                </Box>
              </ButtonBase>
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}
