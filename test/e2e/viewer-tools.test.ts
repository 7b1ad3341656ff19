// Issue 18.4 and 18.5: the viewer's tools besides reading, in Chromium against the browser build.
// A claim carries two PoEs: a three-page PDF with an outline, two attached files (a password-
// protected PDF and a text file) and a signature field; and an XFA form. The reviewer navigates by
// the outline, opens the protected attachment in the same viewer, sees the signature note, prints
// (the print dialog is invoked with every page drawn), saves a copy (the original bytes), changes
// the scroll and spread modes, and reads the XFA form. Each new panel is screenshot in en and cs.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, until } from './support/desk.js';
import { ViewerDesk } from './support/poe-claim.js';
import { ATTACHMENT_PASSWORD, TOOLS_PAGES, toolsPdf, xfaForm } from './support/viewer-pdfs.js';

const desk = new ViewerDesk('tools');
let page: Page;
let toolsBytes: Uint8Array;

beforeAll(async () => {
  toolsBytes = await toolsPdf();
  await desk.start(async () => [
    { name: 'engagement.pdf', bytes: toolsBytes },
    { name: 'statement-form.pdf', bytes: xfaForm(['Statement of work', 'Contoso Ltd.']) },
  ]);
  page = desk.page;
  await desk.open('tools');
}, 300_000);

afterAll(() => desk.stop(), 60_000);

const currentPage = () => page.getByLabel('Page number').inputValue();

/** The menu open and its fade-in done (a screenshot mid-fade shows it half transparent). */
async function menuShown() {
  await until('the menu shown', () => page.getByRole('menu').evaluate((el) => getComputedStyle(el.closest('.MuiPaper-root')!).opacity === '1' || undefined));
}

async function moreTools(item: string | RegExp) {
  await page.getByRole('button', { name: /^More tools/ }).click();
  await page.getByRole('menuitem', { name: item }).or(page.getByRole('menuitemradio', { name: item })).click();
  await page.getByRole('menu').waitFor({ state: 'detached' });
}

describe('the viewer’s tools', () => {
  it('goes to an outline entry’s page', async () => {
    await page.getByRole('tab', { name: 'Outline' }).click();
    const outline = page.getByRole('navigation', { name: 'Outline' });
    await outline.getByRole('button', { name: 'Signed order' }).waitFor();
    await screenshot(page, 'panel-outline-en');
    await outline.getByRole('button', { name: 'Evidence', exact: true }).click();
    await until('page 3 shown', async () => (await currentPage()) === '3');
    await outline.getByRole('button', { name: 'Signed order', exact: true }).click();
    await until('page 2 shown', async () => (await currentPage()) === '2');
    // Folding hides the entries under it.
    await outline.getByRole('button', { name: 'Hide the entries under “Evidence”' }).click();
    expect(await outline.getByRole('button', { name: 'Signed order' }).count()).toBe(0);
  }, 60_000);

  it('notes the signature field, and that it is not verified', async () => {
    const note = page.getByText('“engagement.pdf” carries a digital signature field');
    await note.waitFor();
    expect(await note.innerText()).toContain('does not verify it');
  });

  it('lists the attached files and opens the protected PDF in the same viewer, after its password', async () => {
    await page.getByRole('tab', { name: '2 attached files' }).click();
    const list = page.getByRole('region', { name: 'Attached files' });
    await list.getByText('notes.txt').waitFor();
    expect(await list.getByText('The customer’s signed order').count()).toBe(1);
    // A text file is only saved, never opened.
    expect(await list.getByRole('button', { name: 'Open notes.txt' }).count()).toBe(0);
    await screenshot(page, 'panel-attachments-en');
    await list.getByRole('button', { name: 'Open order.pdf' }).click();
    const dialog = page.getByRole('dialog', { name: 'order.pdf (attached to engagement.pdf)' });
    await dialog.getByText('Password required').waitFor();
    await screenshot(page, 'attachment-password-en');
    await dialog.getByLabel('Password').fill('wrong');
    await dialog.getByRole('button', { name: 'Open' }).click();
    await dialog.getByText('That password is not right').waitFor();
    await dialog.getByLabel('Password').fill(ATTACHMENT_PASSWORD);
    await dialog.getByRole('button', { name: 'Open' }).click();
    await dialog.locator('.textLayer span', { hasText: 'ATTACHED ORDER' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'attachment-open-en');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  }, 90_000);

  it('prints every page through the print dialog', async () => {
    await page.evaluate(() => {
      const w = window as unknown as { print(): void; printed?: number[] };
      // The dialog itself cannot be driven headless: the call is recorded, with the pages ready for it.
      w.print = () => (w.printed ??= []).push(document.querySelectorAll('#poe-print img').length);
    });
    await moreTools('Print…');
    const printed = await until('the print dialog invoked', () => page.evaluate(() => (window as unknown as { printed?: number[] }).printed));
    expect(printed).toEqual([TOOLS_PAGES.length]);
    // The pages drawn for printing are gone once the dialog has closed.
    expect(await page.locator('#poe-print').count()).toBe(0);
  }, 60_000);

  it('saves a copy: the original bytes, under the document’s name', async () => {
    const download = page.waitForEvent('download');
    await moreTools('Save a copy');
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('engagement.pdf');
    const file = await saved.path();
    expect(Buffer.compare(readFileSync(file), Buffer.from(toolsBytes))).toBe(0);
  }, 60_000);

  it('lays the pages out in each scroll and spread mode', async () => {
    const viewerClass = () => page.locator('.pdfViewer').getAttribute('class');
    await moreTools('Wrapped');
    await until('wrapped pages', async () => (await viewerClass())?.includes('scrollWrapped'));
    await moreTools('Odd spreads');
    await until('odd spreads', async () => (await page.locator('.pdfViewer .spread').count()) > 0);
    await page.getByRole('button', { name: /^More tools/ }).click();
    await menuShown();
    await screenshot(page, 'menu-more-tools-en');
    // Spreads do not combine with a horizontal strip (as in Firefox).
    await page.getByRole('menuitemradio', { name: 'Horizontal' }).click();
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await until('horizontal pages', async () => (await viewerClass())?.includes('scrollHorizontal'));
    await page.getByRole('button', { name: /^More tools/ }).click();
    expect(await page.getByRole('menuitemradio', { name: 'Even spreads' }).isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    // One page at a time: pdf.js keeps only the current page (or spread) in the viewer.
    await moreTools('One page at a time');
    await moreTools('No spreads');
    await until('one page at a time', async () => (await page.locator('.pdfViewer .page').count()) === 1);
    await moreTools('Vertical');
    await until('back to vertical', async () => (await page.locator('.pdfViewer .page').count()) === 3 && !(await viewerClass())?.includes('scroll'));
  }, 90_000);

  it('shows each new panel in Czech', async () => {
    await page.getByRole('button', { name: 'Čeština' }).click();
    await page.getByRole('tab', { name: 'Osnova' }).click();
    await page.getByRole('navigation', { name: 'Osnova' }).waitFor();
    await screenshot(page, 'panel-outline-cs');
    await page.getByRole('tab', { name: '2 přiložené soubory' }).click();
    await page.getByRole('region', { name: 'Přiložené soubory' }).waitFor();
    await screenshot(page, 'panel-attachments-cs');
    await page.getByRole('region', { name: 'Přiložené soubory' }).getByRole('button', { name: 'Otevřít order.pdf' }).click();
    await page.getByRole('dialog').getByText('Je třeba heslo').waitFor();
    await screenshot(page, 'attachment-password-cs');
    await page.getByRole('dialog').getByRole('button', { name: 'Zavřít' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /^Další nástroje/ }).click();
    await menuShown();
    await screenshot(page, 'menu-more-tools-cs');
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'English' }).click();
  }, 90_000);

  it('renders an XFA form’s fields and text (issue 18.5)', async () => {
    await page.getByRole('tab', { name: /statement-form\.pdf/ }).click();
    const form = page.locator('.pdfViewer .page[data-page-number="1"] .xfaLayer');
    await form.getByText('Statement of work').waitFor({ timeout: 60_000 });
    expect(await form.getByText('Contoso Ltd.').count()).toBe(1);
    await screenshot(page, 'xfa-form-en');
  }, 90_000);

  it('draws an XFA form’s thumbnail: its text is there in pixels, not a blank sheet', async () => {
    await page.getByRole('tab', { name: 'Thumbnails' }).click();
    const thumbnail = page.getByRole('navigation', { name: 'Thumbnails' }).getByRole('button', { name: 'Page 1', exact: true }).locator('xpath=./*[1]');
    // Drawn: ink (the two lines of text, grey strokes two or three pixels high at this size) on the white sheet.
    const inked = async () => {
      const { data, width, height } = PNG.sync.read(await thumbnail.screenshot());
      let dark = 0;
      for (let i = 0; i < width * height * 4; i += 4) if (Math.min(data[i]!, data[i + 1]!, data[i + 2]!) < 200) dark++;
      return { dark, width, height };
    };
    const drawn = await until('the XFA thumbnail drawn', async () => {
      const ink = await inked();
      return ink.dark >= 20 ? ink : undefined;
    }, 20_000).catch(async (error: Error) => {
      await screenshot(page, 'xfa-thumbnail-blank');
      throw new Error(`${error.message}: ${JSON.stringify(await inked())}`);
    });
    expect(drawn.width).toBeGreaterThan(100);
    await screenshot(page, 'xfa-thumbnail-en');
  }, 90_000);

  it('prints an XFA form as it reads: its text on the paper, not a blank sheet', async () => {
    await page.evaluate(() => {
      const w = window as unknown as { print(): void; printedForm?: Node };
      // What the dialog would print, kept past its clean-up so it can be looked at under print media.
      w.print = () => (w.printedForm = document.getElementById('poe-print')!.cloneNode(true));
    });
    await moreTools('Print…');
    await until('the print dialog invoked', () => page.evaluate(() => (window as unknown as { printedForm?: Node }).printedForm !== undefined || undefined));
    await page.evaluate(() => document.body.append((window as unknown as { printedForm: Node }).printedForm));
    await page.emulateMedia({ media: 'print' });
    try {
      const sheet = page.locator('#poe-print > div').first();
      expect(await page.locator('#poe-print > div').count()).toBe(1);
      expect(await sheet.innerText()).toContain('Statement of work');
      // On paper: ink where the form's text is, inside the sheet.
      const { data, width, height } = PNG.sync.read(await sheet.screenshot());
      let dark = 0;
      for (let i = 0; i < width * height * 4; i += 4) if (Math.min(data[i]!, data[i + 1]!, data[i + 2]!) < 128) dark++;
      await screenshot(page, 'xfa-print-en');
      expect(dark).toBeGreaterThan(100);
    } finally {
      await page.emulateMedia({ media: 'screen' });
      await page.evaluate(() => document.getElementById('poe-print')?.remove());
    }
  }, 60_000);
});
