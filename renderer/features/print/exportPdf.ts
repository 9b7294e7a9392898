/**
 * The desktop app's PDF: the print stage in this window, printed job by job through Electron's printToPDF
 * (platform.printToPdf) and joined (shared/print/assemble.ts), then saved where the officer chooses.
 */
import { producePdf, type Progress } from '../../../shared/print/assemble';
import type { FooterFormat } from '../../../shared/print/footer';
import type { PrintModel } from '../../../shared/print/plan';
import type { Platform } from '../../platform';
import type { StageHandle } from './PrintStage';

export async function savePdf(
  platform: Platform,
  model: PrintModel,
  stage: StageHandle,
  footer: FooterFormat,
  onProgress: (p: Progress) => void,
): Promise<{ saved: boolean; pages: number; tocPages: Readonly<Record<string, number>> }> {
  const printToPdf = platform.printToPdf;
  if (!printToPdf) throw new Error('浏览器中不能直接生成 PDF，请使用“打印”并选择“另存为 PDF”');
  const surface = {
    show: (view: Parameters<StageHandle['show']>[0]) => stage.show(view),
    // Page size and margins come from the print CSS; the footer is stamped by producePdf, not by Chromium.
    print: () => printToPdf({ landscape: false, footer: '' }),
  };
  const produced = await producePdf(model.info, [surface], { footer, onProgress });
  const saved = await platform.saveFile(`${model.doc.title}.pdf`, produced.bytes, [{ name: 'PDF 文件', extensions: ['pdf'] }]);
  return { saved, pages: produced.pages, tocPages: produced.tocPages };
}
