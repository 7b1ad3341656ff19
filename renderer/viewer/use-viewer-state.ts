// React view of a PdfController's state (page, zoom, rotation, find counts). With a selector, a
// component re-renders only when what it selected changes (the controller's state changes with
// every page turned and zoom step; the claim page must not re-render with each).
import { useSyncExternalStore } from 'react';
import { INITIAL_STATE, type PdfController, type ViewerState } from './pdf-controller.js';
const none = () => () => undefined;
const whole = (s: ViewerState) => s;

export function useViewerState(controller: PdfController | null): ViewerState;
/** `select` returns a primitive (or a value kept in the state as is). */
export function useViewerState<T>(controller: PdfController | null, select: (s: ViewerState) => T): T;
export function useViewerState<T>(controller: PdfController | null, select: (s: ViewerState) => T = whole as (s: ViewerState) => T): T {
  return useSyncExternalStore(controller?.subscribe ?? none, () => select(controller ? controller.getState() : INITIAL_STATE));
}
