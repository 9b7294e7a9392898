/**
 * Where the active cell's figure comes from: typed here (录入), the sum of the entered lines it adds up (listed; a
 * click opens the line in its entry table), the sum of the rows under it, a formula reading cells of other tables
 * (a click goes there), or its 栏次 equation.
 */
import { Anchor, Group, ScrollArea, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { LoadedRecord } from '../../../shared/book/load';
import { originOf } from '../../../shared/engine/bindings';
import type { Column } from '../../../shared/engine/model';
import { type AmountFormat, type Fen, formatFigure } from '../../../shared/money/money';
import { amountFormat } from '../../../shared/template/amounts';
import { describeRecord, fieldPlace } from '../../db/fields';
import { type CellTarget, cellLabel } from './cellLabel';
import { ownerProblem } from '../lines/owner';
import { lineOfRecord } from './places';
import type { BookSession } from './session';
import classes from './Workspace.module.css';

/** What a record adds to a column (its source terms), as the column prints it. */
function share(column: Column, format: AmountFormat, record: LoadedRecord): string {
  const source = column.sources.get(record.dataset);
  if (!source || (source.where && !source.where(record))) return '';
  const fen = source.terms.reduce((sum, t) => sum + t.sign * record.amounts[t.field]!, 0) as Fen;
  return formatFigure(fen, format);
}

const SHOWN = 30;

export function OriginPanel(props: { session: BookSession; tableId: string; rowId: string | undefined; columnKey: string | undefined; onJump(cell: CellTarget): void }) {
  const { session } = props;
  const engine = session.currentEngine;
  const table = engine.model.tableById.get(props.tableId)!;
  const row = props.rowId ? table.rowById.get(props.rowId) : undefined;
  const column = props.columnKey ? table.columnByKey.get(props.columnKey) : undefined;
  if (!row || !column || table.manual) return <div className={classes.origin} />;
  const origin = originOf(engine.book, engine.model, row, column);
  const template = engine.book.template;
  // Figures in the column's own unit (a form's 元 in a 万元 document), as the grid shows them.
  const format = amountFormat(template, table.def, column.def);
  let body: ReactNode;
  switch (origin.kind) {
    case 'entered': {
      const { dataset, recordId, field } = origin.binding;
      const record = engine.book.recordById.get(dataset)?.get(recordId);
      // Typed in the view of the unit it belongs to (or the department's); said here when this is another view.
      const elsewhere = session.binding(props.tableId, row.id, column.key) ? undefined : ownerProblem(session.departmentBook, session.ownerOf(dataset, recordId) ?? '', session.scope);
      body = (
        <Text size="sm">
          录入数据：{fieldPlace(template, dataset, recordId, record?.fields ?? {}, field)}
          {elsewhere && `（${elsewhere}）`}
        </Text>
      );
      break;
    }
    case 'records':
      body =
        origin.records.length === 0 ? (
          <Text size="sm">没有录入数据汇入此单元格。</Text>
        ) : (
          <>
            <Text size="sm">
              由 {origin.records.length} 条录入数据相加（金额单位：{format.unit}）：
            </Text>
            {origin.records.slice(0, SHOWN).map((r) => {
              const def = template.datasets[r.dataset]!;
              const line = lineOfRecord(engine.model, r);
              const text = `${def.label}“${describeRecord(def, r.id, r.fields)}” ${share(column, format, r)}`;
              return line ? (
                <Anchor key={`${r.dataset}/${r.id}`} component="button" size="sm" onClick={() => props.onJump(line)}>
                  {text}
                </Anchor>
              ) : (
                <Text key={`${r.dataset}/${r.id}`} size="sm">
                  {text}
                </Text>
              );
            })}
            {origin.records.length > SHOWN && <Text size="sm">等 {origin.records.length} 条</Text>}
          </>
        );
      break;
    case 'children':
      body = <Text size="sm">下级 {origin.rows.length} 行之和。</Text>;
      break;
    case 'formula':
      body = (
        <>
          <Text size="sm">取自：</Text>
          {origin.refs.map((ref, i) => (
            <Anchor key={i} component="button" size="sm" onClick={() => props.onJump(ref)}>
              {cellLabel(engine.model, ref)}
            </Anchor>
          ))}
        </>
      );
      break;
    case 'colNo':
      body = <Text size="sm">按栏次计算：{origin.colNo}</Text>;
      break;
    case 'text':
      body = null;
  }
  return (
    <ScrollArea.Autosize mah={84} className={classes.origin} type="auto">
      <Group gap={10} wrap="wrap" px={4}>
        <Text size="sm" fw={600} c="dimmed">
          {cellLabel(engine.model, { tableId: props.tableId, rowId: row.id, columnKey: column.key })}
        </Text>
        {body}
      </Group>
    </ScrollArea.Autosize>
  );
}
