// English texts of the user interface (the renderer). Domain terms are in en.ts.
export const enUi = {
  app: { title: 'PoE Desk' },
};
export type UiTexts = typeof enUi;
