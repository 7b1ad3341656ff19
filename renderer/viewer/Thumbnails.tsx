// Page thumbnails beside the PoE: virtualised (a 300-page PoE lays out a dozen items, not 300), the
// current page marked; click or Enter to go there. As in pdf.js's own sidebar, a thumbnail is drawn
// only once it is in view and the main view has no page left to draw, and only a few drawn ones are
// kept (thumbnail-canvases.ts), so following the current page through a long PoE keeps no image of
// every page it passed (issue 18.7).
// An XFA form's pages are its XFA layer made small (a canvas would stay blank).
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { PdfController } from './pdf-controller.js';
import { pdfjsLib, type PDFDocumentProxy } from './pdfjs.js';
import { SimpleLinkService } from './pdfjs-viewer.js';
import { ThumbnailCanvases } from './thumbnail-canvases.js';
import { useViewerState } from './use-viewer-state.js';

const WIDTH = 112;
const ITEM_HEIGHT = 188;

/** Shows the page's drawn canvas (the store keeps it; this item only holds it while on screen). */
function Thumbnail({ canvas }: { canvas: HTMLCanvasElement | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const holder = ref.current!;
    if (canvas) holder.replaceChildren(canvas);
    return () => holder.replaceChildren();
  }, [canvas]);
  return <Box ref={ref} sx={canvas ? { lineHeight: 0, '& canvas': { width: WIDTH, maxHeight: ITEM_HEIGHT - 32, objectFit: 'contain', bgcolor: '#fff', boxShadow: 1 } } : { width: WIDTH, height: 150, bgcolor: 'action.hover' }} />;
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

  const canvases = useMemo(() => new ThumbnailCanvases(doc, WIDTH), [doc]);
  useEffect(() => () => canvases.clear(), [canvases]);
  useSyncExternalStore(canvases.subscribe, () => canvases.version);
  // The pages whose thumbnails are in view now (the virtualiser's overscan is laid out, not drawn).
  const top = virtualizer.scrollOffset ?? 0;
  const bottom = top + (virtualizer.scrollRect?.height ?? 0);
  const inView = virtualizer
    .getVirtualItems()
    .filter((item) => item.end > top && item.start < bottom)
    .map((item) => item.index + 1);
  const wanted = useRef({ inView, rotation: state.rotation, allowed: state.firstPageDrawn });
  wanted.current = { inView, rotation: state.rotation, allowed: state.firstPageDrawn };
  useEffect(
    () =>
      controller.drawThumbnailsWhenIdle(() => {
        const { inView, rotation, allowed } = wanted.current;
        const page = allowed && !doc.isPureXfa ? inView.find((p) => !canvases.get(p, rotation)) : undefined;
        return page ? canvases.draw(page, rotation) : null;
      }),
    [controller, canvases, doc],
  );
  const missing = inView.filter((p) => !canvases.get(p, state.rotation)).join();
  useEffect(() => {
    if (missing) controller.wantThumbnails();
  }, [missing, state.firstPageDrawn, controller]);

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
                {doc.isPureXfa ? <XfaThumbnail doc={doc} page={page} rotation={state.rotation} allowed={state.firstPageDrawn} /> : <Thumbnail canvas={canvases.get(page, state.rotation)} />}
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
