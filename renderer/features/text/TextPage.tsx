/**
 * A part of the document's text (第一部分 部门概况, 第三部分, 第四部分): each section's paragraphs as generated from
 * the department's current figures, with every figure live and clickable (it jumps to the table cell it reads),
 * and under them the texts the officer writes for that section. Placeholders (【待填写：…】) show what is missing.
 */
import { Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { Paragraph, Section, Segment } from '../../../shared/narrative/document';
import { fieldDefOf, fieldProblem, fieldText } from '../../../shared/narrative/fields';
import { narrativeFor } from '../../../shared/narrative/load';
import type { FieldDef, NarrativeFile } from '../../../shared/narrative/schema';
import type { BuiltModel } from '../../../shared/engine/build';
import { cellLabel } from '../workspace/cellLabel';
import type { BookSession } from '../workspace/session';
import type { CellTarget } from '../workspace/cellLabel';
import { FieldEditor } from './FieldEditor';
import { InputFigures } from './InputFigures';
import { RecordPicks } from './RecordPicks';
import classes from './Text.module.css';

export function TextPage(props: { session: BookSession; partId: string; highlight?: string | undefined; onJump(cell: CellTarget): void }) {
  const { session } = props;
  const doc = session.narrative();
  const narrative = narrativeFor(session.departmentEngine.book.template);
  const part = doc.parts.find((p) => p.id === props.partId);
  if (!part || !narrative) return <Text c="dimmed">本模板没有这一部分的说明。</Text>;
  const partDef = narrative.parts.find((p) => p.id === part.id)!;
  return (
    <Stack gap="lg" className={classes.page}>
      <Title order={3}>{part.title}</Title>
      {partDef.sections.some((s) => usesInputs(narrative, s.paragraphs)) && <InputFigures session={session} narrative={narrative} />}
      {part.sections.map((section) => (
        <SectionView
          key={section.id}
          session={session}
          narrative={narrative}
          section={section}
          lineKeys={linesOf(partDef.sections.find((s) => s.id === section.id)?.paragraphs ?? [])}
          recordLists={recordListsOf(narrative, partDef.sections.find((s) => s.id === section.id)?.paragraphs ?? [])}
          highlight={props.highlight}
          onJump={props.onJump}
        />
      ))}
    </Stack>
  );
}

type ParagraphDefs = NarrativeFile['parts'][number]['sections'][number]['paragraphs'];

/** Keys of the multi-line fields a section prints one paragraph per line (部门主要职能, 名词解释). */
function linesOf(paragraphs: ParagraphDefs): string[] {
  return paragraphs.flatMap((p) => ('lines' in p ? [p.lines] : []));
}

/** Datasets whose records a section lists (重要项目): the officer picks them on the page. */
function recordListsOf(narrative: NarrativeFile, paragraphs: ParagraphDefs): string[] {
  const datasets = new Set<string>();
  for (const p of paragraphs) {
    if (!('text' in p)) continue;
    for (const m of p.text.matchAll(/\{(?:list|count):\s*(\w+)\}/g)) {
      const from = narrative.lists[m[1]!]?.from;
      if (from && 'records' in from) datasets.add(from.records);
    }
  }
  return [...datasets];
}

/** Whether a section's sentences name a figure the officer enters for the text (上年预算数, 资产). */
function usesInputs(narrative: NarrativeFile, paragraphs: ParagraphDefs): boolean {
  const names = Object.entries(narrative.values)
    .filter(([, v]) => narrative.inputs.some((d) => v.expr.includes(`${d}.`)))
    .map(([name]) => `@${name}`);
  return paragraphs.some((p) => 'text' in p && names.some((n) => p.text.includes(n)));
}

interface FieldSlot {
  readonly key: string;
  readonly label: string;
  readonly def: FieldDef;
}

/**
 * The texts a section asks for: fields shown in its sentences, placeholders waiting for one, amounts typed for its
 * figures (a 项's 年初预算数), its multi-line texts.
 */
function fieldsOf(narrative: NarrativeFile, section: Section, lineKeys: readonly string[]): FieldSlot[] {
  const slots = new Map<string, FieldSlot>();
  const add = (key: string, label: string) => {
    const def = fieldDefOf(narrative, key);
    if (def && !slots.has(key)) slots.set(key, { key, label, def });
  };
  for (const key of lineKeys) add(key, narrative.fields[key]?.label ?? key);
  for (const p of section.paragraphs) {
    for (const s of p.segments) {
      if (s.kind === 'field') add(s.key, s.label);
      else if (s.kind === 'placeholder' && s.missing.kind === 'field') add(s.missing.key, s.label);
      else if (s.kind === 'figure') for (const typed of s.binding.fields ?? []) add(typed.key, typed.label);
    }
  }
  return [...slots.values()];
}

function SectionView(props: {
  session: BookSession;
  narrative: NarrativeFile;
  section: Section;
  lineKeys: readonly string[];
  recordLists: readonly string[];
  highlight?: string | undefined;
  onJump(cell: CellTarget): void;
}) {
  const { session, section } = props;
  const fields = fieldsOf(props.narrative, section, props.lineKeys);
  // A paragraph that is only a line of a multi-line text is shown by that text's editor.
  const shown = section.paragraphs.filter((p) => !p.segments.some((s) => s.kind === 'field' && s.multiline));
  return (
    <Paper withBorder p="md" radius="sm">
      <Stack gap="sm">
        <Title order={5}>{section.title}</Title>
        {shown.map((p) => (
          <ParagraphView key={p.id} model={session.departmentEngine.model} paragraph={p} highlighted={props.highlight === p.id} onJump={props.onJump} />
        ))}
        {props.recordLists.map((dataset) => (
          <RecordPicks key={dataset} session={session} dataset={dataset} />
        ))}
        {fields.map((f) => {
          const { text, isDefault } = fieldText(f.def, f.key, session.texts);
          return (
            <FieldEditor
              key={f.key}
              label={f.label}
              stored={text}
              multiline={f.def.multiline === true}
              description={isDefault ? '现为模板默认文字，修改后保存为本账套的文字' : f.def.multiline ? '每行一段' : undefined}
              short={f.def.kind === 'integer' || f.def.kind === 'number' || f.def.kind === 'amount'}
              // An empty text is allowed (the document then shows what is missing); a wrong form is not.
              check={(value) => fieldProblem({ ...f.def, required: false }, value, f.label)}
              save={async (value) => {
                const problems = await session.setText(f.key, f.def.multiline ? value.trimEnd() : value.trim(), f.label);
                return problems[0]?.message;
              }}
            />
          );
        })}
      </Stack>
    </Paper>
  );
}

function ParagraphView(props: { model: BuiltModel; paragraph: Paragraph; highlighted: boolean; onJump(cell: CellTarget): void }) {
  const { paragraph } = props;
  const ref = useRef<HTMLParagraphElement>(null);
  // Brought into view when a check points at it, not again on each change of the text.
  useEffect(() => {
    if (props.highlighted) ref.current?.scrollIntoView({ block: 'center' });
  }, [props.highlighted]);
  return (
    <Text ref={ref} className={classes.paragraph} data-paragraph={paragraph.id} data-highlighted={props.highlighted || undefined} c={paragraph.printed ? undefined : 'dimmed'}>
      {paragraph.segments.map((s, i) => (
        <SegmentView key={i} model={props.model} segment={s} onJump={props.onJump} />
      ))}
      {!paragraph.printed && <span className={classes.note}>（未填写，不打印）</span>}
    </Text>
  );
}

function SegmentView({ model, segment, onJump }: { model: BuiltModel; segment: Segment; onJump(cell: CellTarget): void }) {
  switch (segment.kind) {
    case 'text':
      return <>{segment.text}</>;
    case 'field':
      return <span className={classes.field}>{segment.text}</span>;
    case 'placeholder':
      return <span className={classes.placeholder}>{segment.text}</span>;
    case 'figure': {
      const cells = segment.binding.cells;
      const first = cells[0] && { tableId: cells[0].table, rowId: cells[0].row, columnKey: cells[0].column };
      const overridden = segment.overridden ? `（已改写，原为 ${segment.generated}）` : '';
      if (!first) return <span className={classes.figure} title={`由录入的数字计算${overridden}`}>{segment.text}</span>;
      const source = `${cellLabel(model, first)}${cells.length > 1 ? ` 等 ${cells.length} 个单元格` : ''}`;
      return (
        <UnstyledButton component="span" className={classes.figure} title={`取自 ${source}${overridden}，点击查看`} onClick={() => onJump(first)}>
          {segment.text}
        </UnstyledButton>
      );
    }
  }
}
