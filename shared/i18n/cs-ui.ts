// České texty uživatelského rozhraní. Termíny domény jsou v cs.ts.
import type { UiTexts } from './en-ui.js';

export const csUi = {
  app: { title: 'PoE Desk' },
} satisfies UiTexts;
