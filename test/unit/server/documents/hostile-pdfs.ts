// Hand-built PDFs that attack the upload check (issue 14, item 2): each a few hundred bytes, each
// with a correct cross-reference table, so pdf.js reads them as the structures they claim to be.

/** A PDF of these objects (object n is bodies[n - 1]; object 1 must be the catalog). */
export function rawPdf(bodies: string[], tail = ''): Uint8Array {
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n${tail}`;
  return new TextEncoder().encode(out);
}

const PAGE = '<< /Type /Page /MediaBox [0 0 612 792] >>';

/**
 * A page tree whose every level lists the same child `fanout` times: `levels` levels reach
 * fanout^levels pages with levels + 3 objects (10 and 6 give a million pages in about 1 KB).
 */
export function reusedPageTree(levels: number, fanout = 10): Uint8Array {
  const bodies = ['<< /Type /Catalog /Pages 2 0 R >>'];
  for (let level = 0; level < levels; level++) {
    const child = `${level + 3} 0 R `.repeat(fanout).trim();
    bodies.push(`<< /Type /Pages /Kids [${child}] /Count ${fanout ** (levels - level)} >>`);
  }
  bodies.push(PAGE);
  return rawPdf(bodies);
}

/** One real page under a root that declares `count` pages. */
export function lyingPageCount(count: number): Uint8Array {
  return rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [3 0 R] /Count ${count} >>`, PAGE]);
}

/** A page tree whose only child is an intermediate node that lists the root again. */
export function selfReferencingPageTree(): Uint8Array {
  return rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 2 >>', '<< /Type /Pages /Kids [2 0 R 4 0 R] /Count 2 >>', PAGE]);
}

/**
 * A dynamic XFA form (NeedsRendering, no AcroForm fields): its PDF page is only a placeholder, its
 * content is the XFA template, here one text line per `lines`. Given XML pdf.js cannot lay out, it
 * is the kind of form only Adobe Reader shows.
 */
export function xfaForm(lines: string[] | { brokenTemplate: string }): Uint8Array {
  const template = Array.isArray(lines)
    ? `<template xmlns="http://www.xfa.org/schema/xfa-template/3.3/"><subform name="form1" layout="tb" locale="en_US"><pageSet><pageArea name="Page1" id="Page1"><contentArea x="0.5in" y="0.5in" w="7.5in" h="10in"/><medium stock="letter" short="8.5in" long="11in"/></pageArea></pageSet><subform w="7.5in" layout="tb">${lines
        .map((line, i) => `<draw name="line${i}" w="7in" h="0.4in"><font typeface="Helvetica" size="14pt"/><value><text>${line}</text></value></draw>`)
        .join('')}</subform></subform></template>`
    : lines.brokenTemplate;
  const xdp = `<?xml version="1.0" encoding="UTF-8"?><xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/">${template}<xfa:datasets xmlns:xfa="http://www.xfa.org/schema/xfa-data/1.0/"><xfa:data/></xfa:datasets></xdp:xdp>`;
  const placeholder = 'BT /F1 12 Tf 72 720 Td (Please wait... this document needs Adobe Reader.) Tj ET';
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] /XFA 4 0 R >> /NeedsRendering true >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 6 0 R >> >> >>',
    `<< /Length ${xdp.length} >>\nstream\n${xdp}\nendstream`,
    `<< /Length ${placeholder.length} >>\nstream\n${placeholder}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]);
}
