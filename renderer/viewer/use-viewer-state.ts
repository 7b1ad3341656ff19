// React view of a PdfController's state (page, zoom, rotation, find counts).
import { useSyncExternalStore } from 'react';
import type { PdfController, ViewerState } from './pdf-controller.js';

const EMPTY: ViewerState = { page: 0, pages: 0, scaleValue: 'page-width', scale: 1, rotation: 0, labels: null, firstPageDrawn: false, find: { query: '', state: 'idle', current: 0, total: 0 } };
const none = () => () => undefined;

export function useViewerState(controller: PdfController | null): ViewerState {
  return useSyncExternalStore(controller?.subscribe ?? none, controller ? controller.getState : () => EMPTY);
}
