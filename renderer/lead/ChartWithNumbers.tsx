// A chart of the lead's desk with its numbers as a table (issue 16.5: "each with its numbers
// available as a table", for screen readers, copying and exact values): the chart, then the table
// folded under "The chart's numbers" (open at once where the numbers are the point, as on the SLA
// board). NumbersTable is also the plain numbers table of these screens; bandAxisWidth fits a
// chart's category labels.
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Numbers {
  /** The table's accessible name. */
  label: string;
  /** Column headings; the first names the rows. */
  head: string[];
  /** Each row: its name, then its values (numbers or text, or an element to mark one). */
  rows: [string, ...ReactNode[]][];
}

/** A table of numbers: each row named by its first cell, the values right-aligned in tabular figures. */
export function NumbersTable({ label, head, rows }: Numbers) {
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          {head.map((h, i) => (
            <TableCell key={h} component="th" scope="col" align={i === 0 ? 'left' : 'right'}>
              {h}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(([name, ...values]) => (
          <TableRow key={name}>
            <TableCell component="th" scope="row">
              {name}
            </TableCell>
            {values.map((value, i) => (
              <TableCell key={i} align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                {value}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The chart (null while it has nothing to draw), then its numbers; `open` shows them unfolded. */
export function ChartWithNumbers({ chart, numbers, open = false }: { chart: ReactNode; numbers: Numbers; open?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {chart}
      <details open={open}>
        <summary>
          <Typography variant="body2" component="span" sx={{ fontWeight: 700 }}>
            {t('lead:chartNumbers')}
          </Typography>
        </summary>
        <NumbersTable {...numbers} />
      </details>
    </>
  );
}

/** The charts' tick labels: MUI X draws them in the theme's font at 12 px. */
const TICK_FONT_PX = 12;
/** Room for the tick and the gap beside the label. */
const TICK_ROOM_PX = 16;
const MAX_AXIS_PX = 360;
let canvas: HTMLCanvasElement | null = null;

/**
 * The width a horizontal chart's band axis needs for its longest label, measured in the page's
 * font (a fixed width cut the longer Czech labels: "Chybějící partnerské řešení nebo…"), at most
 * MAX_AXIS_PX, beyond which MUI X shortens a label with an ellipsis.
 */
export function bandAxisWidth(labels: readonly string[]): number {
  canvas ??= document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) return MAX_AXIS_PX;
  context.font = `${TICK_FONT_PX}px ${getComputedStyle(document.body).fontFamily}`;
  const widest = Math.max(0, ...labels.map((l) => context.measureText(l).width));
  return Math.min(MAX_AXIS_PX, Math.ceil(widest) + TICK_ROOM_PX);
}
