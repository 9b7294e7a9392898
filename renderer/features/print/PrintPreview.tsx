/**
 * The print preview: the document part by part (cover and 目录, each part, each table) on sheets as wide as the
 * printed page, the page-number style, and the output: 导出 PDF in the desktop app (printed job by job, with
 * progress, then saved), 打印 in the browser (its print dialog, which can also save a PDF). Ctrl+P does the same.
 */
import { Alert, Anchor, AppShell, Button, Group, NavLink, Progress as ProgressBar, ScrollArea, Select, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Progress } from '../../../shared/print/assemble';
import type { PartContent } from '../../../shared/print/document';
import { DEFAULT_FOOTER, FOOTER_FORMATS, type FooterFormat, footerChoiceLabel } from '../../../shared/print/footer';
import { MARGINS_MM, type Orientation, pageSizeMm } from '../../../shared/print/page';
import { bodyBlocks, type JobBlock, type PrintModel } from '../../../shared/print/plan';
import { useMenuCommands } from '../../app/commands';
import { routeHref } from '../../app/route';
import { platform } from '../../platform';
import { BROWSER_PRINT_ROWS, pageNumberCss } from './browserPrint';
import { savePdf } from './exportPdf';
import { MarkersOn } from './Marker';
import classes from './Print.module.css';
import { loadFonts, PrintStage, PrintStyles, type StageHandle } from './PrintStage';
import { Blocks, Front } from './PrintView';

export interface PreviewBook {
  readonly bookId: string;
  readonly model: PrintModel;
  /** 强制 check failures: the document can be printed, but should not be published like that. */
  readonly hardFailures: number;
}

/** A table's preview shows its first rows; the PDF has them all. */
const PREVIEW_ROWS = 200;

interface Target {
  readonly key: string;
  readonly label: string;
  readonly level: 1 | 2;
  readonly orientation: Orientation;
  /** The blocks shown, or the front matter. */
  readonly blocks: readonly JobBlock[] | 'front';
}

function targets(model: PrintModel): Target[] {
  const list: Target[] = [{ key: 'front', label: '封面和目录', level: 1, orientation: 'portrait', blocks: 'front' }];
  for (const part of model.doc.parts) {
    const text = part.content.filter((c): c is Exclude<PartContent, { kind: 'table' }> => c.kind !== 'table');
    list.push({ key: part.entry.id, label: part.entry.title, level: 1, orientation: 'portrait', blocks: [{ kind: 'part', entry: part.entry }, ...text] });
    for (const c of part.content) {
      if (c.kind !== 'table') continue;
      const to = Math.min(c.view.rows.length, PREVIEW_ROWS);
      list.push({ key: c.entry.id, label: c.entry.title, level: 2, orientation: c.view.orientation, blocks: [{ kind: 'table', entry: c.entry, view: c.view, from: 0, to, markFrom: to }] });
    }
  }
  return list;
}

function Sheet({ target, model, tocPages }: { target: Target; model: PrintModel; tocPages: Readonly<Record<string, number>> | null }) {
  const m = MARGINS_MM[target.orientation];
  const table = target.blocks !== 'front' ? target.blocks.find((b) => b.kind === 'table') : undefined;
  const hidden = table?.kind === 'table' ? table.view.rows.length - table.to : 0;
  return (
    <div
      className={`${classes.doc} ${classes.sheet}`}
      style={{ width: `${pageSizeMm(target.orientation).width}mm`, padding: `${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm` }}
    >
      <MarkersOn.Provider value={false}>
        {target.blocks === 'front' ? <Front doc={model.doc} pages={tocPages} /> : <Blocks blocks={target.blocks} />}
      </MarkersOn.Provider>
      {hidden > 0 && (
        <p className={classes.previewNote}>
          （预览只显示前 {PREVIEW_ROWS} 行，另有 {hidden} 行；导出的 PDF 含全部内容。）
        </p>
      )}
    </div>
  );
}

export function PrintPreview({ book }: { book: PreviewBook }) {
  const { model } = book;
  const list = useMemo(() => targets(model), [model]);
  const [selected, setSelected] = useState(list[0]!.key);
  const [footer, setFooter] = useState<FooterFormat>(DEFAULT_FOOTER);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [tocPages, setTocPages] = useState<Readonly<Record<string, number>> | null>(null);
  const [whole, setWhole] = useState(false);
  const stage = useRef<StageHandle>(null);
  const wholeRoot = useRef<HTMLDivElement>(null);
  const desktop = platform.printToPdf !== undefined;
  const rows = model.doc.parts.flatMap((p) => p.content).reduce((n, c) => n + (c.kind === 'table' ? c.view.rows.length : 0), 0);

  const exportPdf = useCallback(async () => {
    if (progress || !stage.current) return;
    setMessage(null);
    setProgress({ step: '准备排版', fraction: 0 });
    try {
      const result = await savePdf(platform, model, stage.current, footer, setProgress);
      setTocPages(result.tocPages);
      setMessage({ text: result.saved ? `已保存 PDF，共 ${result.pages} 页。` : `PDF 已生成（共 ${result.pages} 页），未保存。`, error: false });
    } catch (e) {
      setMessage({ text: `生成 PDF 失败：${e instanceof Error ? e.message : String(e)}`, error: true });
    } finally {
      setProgress(null);
    }
  }, [progress, model, footer]);

  const output = useCallback(() => (desktop ? void exportPdf() : setWhole(true)), [desktop, exportPdf]);

  // The browser's print: the whole document is rendered for it, its fonts loaded, then the dialog opens; the
  // document goes again when the browser says printing is over.
  useEffect(() => {
    if (!whole || !wholeRoot.current) return;
    void loadFonts(wholeRoot.current).then(() => {
      window.addEventListener('afterprint', () => setWhole(false), { once: true });
      window.print();
    });
  }, [whole]);

  // Ctrl+P and the menu's 导出 PDF… produce the document rather than printing this screen.
  useMenuCommands({ 'export-pdf': output });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        output();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [output]);

  const target = list.find((t) => t.key === selected) ?? list[0]!;
  return (
    <>
      <PrintStyles extra={whole ? pageNumberCss(footer) : ''} />
      <div className={classes.screenOnly}>
        <AppShell header={{ height: 52 }} navbar={{ width: 280, breakpoint: 0 }}>
          <AppShell.Header>
            <Group h="100%" px="md" justify="space-between" wrap="nowrap">
              <Group gap="sm" wrap="nowrap">
                <Anchor href={routeHref({ name: 'book', bookId: book.bookId, page: 'T1' })} size="sm">
                  返回编辑
                </Anchor>
                <Text fw={700}>打印预览：{model.doc.title}</Text>
              </Group>
              <Group gap="xs" wrap="nowrap">
                <Select
                  aria-label="页码样式"
                  size="xs"
                  w={200}
                  value={footer}
                  data={FOOTER_FORMATS.map((f) => ({ value: f, label: footerChoiceLabel(f) }))}
                  onChange={(v) => v !== null && setFooter(v as FooterFormat)}
                  allowDeselect={false}
                  disabled={progress !== null}
                />
                <Button size="xs" onClick={output} loading={progress !== null}>
                  {desktop ? '导出 PDF…' : '打印…'}
                </Button>
              </Group>
            </Group>
          </AppShell.Header>
          <AppShell.Navbar p="xs">
            <ScrollArea type="auto">
              {list.map((t) => (
                <NavLink
                  key={t.key}
                  component="button"
                  label={t.label}
                  active={t.key === target.key}
                  aria-current={t.key === target.key ? 'page' : undefined}
                  pl={t.level === 2 ? 'lg' : 'xs'}
                  onClick={() => setSelected(t.key)}
                />
              ))}
            </ScrollArea>
          </AppShell.Navbar>
          <AppShell.Main className={classes.previewMain}>
            <Stack gap="xs" maw={1200} mx="auto" p="md">
              {book.hardFailures > 0 && (
                <Alert color="red">本账套有 {book.hardFailures} 条强制性审核错误，公开前请先改正；文档按现有数字排版。</Alert>
              )}
              {!desktop && rows > BROWSER_PRINT_ROWS && (
                <Alert color="yellow">文档有 {rows} 行表格，浏览器打印可能很慢；桌面版或命令行（npm run cli -- export 数据包 --pdf 文件.pdf）可分批生成 PDF。</Alert>
              )}
              {!desktop && <Text size="sm" c="dimmed">浏览器打印时目录不带页码；在打印对话框中选择“另存为 PDF”可保存文件。</Text>}
              {progress && (
                <div role="status" aria-live="polite">
                  <Text size="sm">{progress.step}</Text>
                  <ProgressBar value={progress.fraction * 100} aria-label="排版进度" />
                </div>
              )}
              {message && (
                <Alert color={message.error ? 'red' : 'green'} role="status">
                  {message.text}
                </Alert>
              )}
              <Text size="xs" c="dimmed">
                预览按纸张宽度排版，分页以导出的 PDF 为准。
              </Text>
              <Sheet target={target} model={model} tocPages={tocPages} />
            </Stack>
          </AppShell.Main>
        </AppShell>
      </div>
      {desktop && <PrintStage model={model} ref={stage} />}
      {whole && (
        <div ref={wholeRoot} className={`${classes.doc} ${classes.stage}`}>
          <MarkersOn.Provider value={false}>
            <Front doc={model.doc} pages={null} />
            <Blocks blocks={bodyBlocks(model.doc)} />
          </MarkersOn.Provider>
        </div>
      )}
    </>
  );
}
