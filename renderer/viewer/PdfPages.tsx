// The scrolling pages of one pdf.js viewer, and the PdfController that drives them: made when the
// pages mount (or, for the claim's first document, taken as first-page.ts drew them before the app
// had rendered), handed to the owner, destroyed when they go. The claim's viewer and an
// attachment's viewer are both this.
import Box from '@mui/material/Box';
import { useEffect, useRef, type ReactNode } from 'react';
import { PdfController } from './pdf-controller.js';
import { takeFirstPages } from './first-page.js';
import { createPagesElement } from './pages-element.js';

export function PdfPages(props: { label: string; onController(c: PdfController | null): void; firstPageOf?: string; children?: ReactNode }) {
  const { label, onController, firstPageOf } = props;
  const slotRef = useRef<HTMLDivElement>(null);
  const containerRef = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    const early = firstPageOf !== undefined ? takeFirstPages(firstPageOf) : null;
    const { container, viewer } = early ?? createPagesElement();
    const controller = new PdfController(container, viewer, early?.page1);
    // Drawn early where the pages were expected; if they land elsewhere, the controller fits the zoom to it.
    slotRef.current!.append(container);
    containerRef.current = container;
    // A claim opened by J/K or after a decision starts with the keyboard on its pages (arrows
    // scroll, shortcuts work), unless the reviewer already put focus somewhere.
    if (document.activeElement === document.body || document.activeElement === null) container.focus({ preventScroll: true });
    onController(controller);
    return () => {
      controller.destroy();
      container.remove();
      containerRef.current = null;
      onController(null);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the document drawn early is taken when the pages mount, not again
  }, [onController]);

  useEffect(() => {
    containerRef.current?.setAttribute('aria-label', label);
  }, [label, onController]);

  return (
    <Box sx={{ position: 'relative', flex: 1, minWidth: 0, bgcolor: (th) => (th.palette.mode === 'dark' ? '#2a2d33' : '#e4e6ea') }}>
      <div ref={slotRef} />
      {props.children}
    </Box>
  );
}
