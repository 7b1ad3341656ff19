// React view of a PdfController's state (page, zoom, rotation, find counts).
import { useSyncExternalStore } from 'react';
import { INITIAL_STATE, type PdfController, type ViewerState } from './pdf-controller.js';
const none = () => () => undefined;

export function useViewerState(controller: PdfController | null): ViewerState {
  return useSyncExternalStore(controller?.subscribe ?? none, controller ? controller.getState : () => INITIAL_STATE);
}
