import { describe, expect, it } from 'vitest';
import { footerTemplate, printToPdfOptions } from '../../electron/pdf-options';

describe('printToPDF options', () => {
  it('prints A4 in the requested orientation with backgrounds and margins in inches', () => {
    const options = printToPdfOptions({ landscape: true, footer: '第 {page} 页 / 共 {pages} 页' });
    expect(options).toMatchObject({ pageSize: 'A4', landscape: true, printBackground: true });
    // 12 mm = 0.4724 in, 10 mm = 0.3937 in, 16 mm = 0.6299 in (25.4 mm to the inch).
    expect(options.margins?.top).toBeCloseTo(0.4724, 4);
    expect(options.margins?.right).toBeCloseTo(0.3937, 4);
    expect(options.margins?.bottom).toBeCloseTo(0.6299, 4);
    expect(options.margins?.left).toBeCloseTo(0.3937, 4);
    expect(printToPdfOptions({ landscape: false, footer: '' }).landscape).toBe(false);
  });

  it('puts 第 X 页 / 共 Y 页 in the footer through Chromium’s pageNumber and totalPages spans, with no header', () => {
    const options = printToPdfOptions({ landscape: false, footer: '第 {page} 页 / 共 {pages} 页' });
    expect(options.displayHeaderFooter).toBe(true);
    expect(options.headerTemplate).toBe('<span></span>');
    expect(options.footerTemplate).toContain(
      '第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页',
    );
    expect(options.footerTemplate).toMatch(/font-size:9pt/);
  });

  it('lets the print CSS size each page, so portrait and landscape pages mix in one PDF', () => {
    expect(printToPdfOptions({ landscape: false, footer: '' }).preferCSSPageSize).toBe(true);
  });

  it('shows no header or footer when the footer is empty', () => {
    expect(printToPdfOptions({ landscape: true, footer: '' }).displayHeaderFooter).toBe(false);
  });

  it('escapes the footer text, so it cannot inject markup into the print template', () => {
    const html = footerTemplate('<img src=x onerror=alert(1)> & "{page}"');
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62; &#38; &#34;<span class="pageNumber"></span>&#34;');
  });
});
