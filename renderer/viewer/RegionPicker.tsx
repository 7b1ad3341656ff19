// Drawing a region to pin as evidence: a transparent layer over the pages; drag a rectangle on
// one page, Escape cancels. The region is kept as fractions of the unrotated page.
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PdfController } from './pdf-controller.js';
import type { RegionPick } from './viewer-context.js';

interface Drag {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function RegionPicker({ controller, onPick }: { controller: PdfController; onPick(pick: RegionPick | null): void }) {
  const { t } = useTranslation();
  const layer = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onPick(null);
      }
    };
    window.addEventListener('keydown', onKey, true);
    layer.current?.focus();
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onPick]);

  const local = (e: PointerEvent) => {
    const box = layer.current!.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };

  const finish = (e: PointerEvent) => {
    if (!drag) return;
    const box = layer.current!.getBoundingClientRect();
    const a = controller.pointOnPage(box.left + drag.x0, box.top + drag.y0);
    const b = controller.pointOnPage(e.clientX, e.clientY);
    setDrag(null);
    if (!a || !b || a.page !== b.page || Math.abs(a.x - b.x) < 0.005 || Math.abs(a.y - b.y) < 0.005) return;
    onPick({ page: a.page, region: { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) } });
  };

  return (
    <Box
      ref={layer}
      tabIndex={-1}
      aria-label={t('evidence.drawRegion')}
      onPointerDown={(e) => {
        const p = local(e);
        (e.target as Element).setPointerCapture(e.pointerId);
        setDrag({ x0: p.x, y0: p.y, x1: p.x, y1: p.y });
      }}
      onPointerMove={(e) => drag && setDrag({ ...drag, x1: local(e).x, y1: local(e).y })}
      onPointerUp={finish}
      onWheel={(e) => {
        // Let the reviewer scroll to the right place while the layer is up.
        const pages = layer.current?.parentElement?.querySelector('[data-testid="pdf-pages"]');
        pages?.scrollBy({ top: e.deltaY, left: e.deltaX });
      }}
      sx={{ position: 'absolute', inset: 0, cursor: 'crosshair', bgcolor: 'rgba(29, 91, 184, 0.06)', outline: 'none' }}
    >
      <Paper sx={{ position: 'absolute', top: 8, left: '50%', transform: 'translateX(-50%)', px: 2, py: 1, boxShadow: 3 }}>
        <Typography variant="body2">{t('evidence.drawRegionHint')}</Typography>
      </Paper>
      {drag && (
        <Box
          sx={{
            position: 'absolute',
            left: Math.min(drag.x0, drag.x1),
            top: Math.min(drag.y0, drag.y1),
            width: Math.abs(drag.x1 - drag.x0),
            height: Math.abs(drag.y1 - drag.y0),
            border: 2,
            borderColor: 'primary.main',
            bgcolor: 'rgba(29, 91, 184, 0.15)',
          }}
        />
      )}
    </Box>
  );
}
