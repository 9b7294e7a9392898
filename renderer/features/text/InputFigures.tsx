/**
 * Figures the text needs that no table holds (上年预算数 for the year-on-year sentences, 上年末固定资产金额): the
 * narrative's input datasets whose records are named by one item and hold one amount, one field per item. Clearing
 * a figure removes it, and the text shows it as missing again.
 */
import { Paper, SimpleGrid, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { DatasetDef } from '../../../shared/template/schema';
import type { NarrativeFile } from '../../../shared/narrative/schema';
import { deleteRecords, insertRecord, setField } from '../../db';
import type { BookSession } from '../workspace/session';
import classes from './Text.module.css';

/** The item field (an enum) and the amount field of an input dataset, when it has that shape. */
function itemShape(def: DatasetDef): { item: string; values: readonly string[]; amount: string } | undefined {
  const fields = Object.entries(def.fields);
  const items = fields.filter(([, f]) => f.type === 'enum');
  const amounts = fields.filter(([, f]) => f.type === 'amount');
  if (items.length !== 1 || amounts.length !== 1) return undefined;
  const [item, field] = items[0]!;
  return field.type === 'enum' ? { item, values: field.values, amount: amounts[0]![0] } : undefined;
}

export function InputFigures({ session, narrative }: { session: BookSession; narrative: NarrativeFile }) {
  const template = session.departmentEngine.book.template;
  const groups = narrative.inputs.flatMap((dataset) => {
    const def = template.datasets[dataset];
    const shape = def && itemShape(def);
    return def && shape ? [{ dataset, def, shape }] : [];
  });
  if (groups.length === 0) return null;
  return (
    <Paper withBorder p="md" radius="sm">
      {groups.map(({ dataset, def, shape }) => (
        <div key={dataset}>
          <Title order={5}>{def.label}</Title>
          <Text size="xs" c="dimmed" mb="xs">
            单位：{template.money.unit}。表格中没有这些数字，请按上年批复的预算和资产报表填写；清空即为未填写。
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
            {shape.values.map((value) => {
              const record = session.bookFile.data[dataset]?.find((r) => r[shape.item] === value);
              return (
                <FigureInput
                  key={value}
                  label={value}
                  stored={record?.[shape.amount] ?? ''}
                  save={async (text) => {
                    const outcome = await session.perform((db, bookId) => {
                      if (!record) return insertRecord(db, bookId, dataset, { [shape.item]: value, [shape.amount]: text });
                      if (text === '') return deleteRecords(db, bookId, [{ dataset, id: record.id }]);
                      return setField(db, bookId, { dataset, id: record.id, field: shape.amount }, text);
                    });
                    return outcome.ok ? undefined : outcome.problems[0]?.message;
                  }}
                />
              );
            })}
          </SimpleGrid>
        </div>
      ))}
    </Paper>
  );
}

/** An amount saved when the field is left or Enter is pressed. */
function FigureInput(props: { label: string; stored: string; save(text: string): Promise<string | undefined> }) {
  const [value, setValue] = useState(props.stored);
  const [error, setError] = useState<string>();
  useEffect(() => setValue(props.stored), [props.stored]);
  const save = async () => {
    const text = value.trim();
    if (text === props.stored) return;
    setError(await props.save(text));
  };
  return (
    <TextInput
      className={classes.amount}
      label={props.label}
      value={value}
      error={error}
      inputMode="decimal"
      onChange={(e) => {
        setValue(e.currentTarget.value);
        setError(undefined);
      }}
      onBlur={() => void save()}
      onKeyDown={(e) => {
        if (e.key === 'Enter') void save();
      }}
    />
  );
}
