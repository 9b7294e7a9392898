/**
 * Picking a 功能科目 or 经济科目 from its catalogue (the template's list plus the book's added codes): type the code,
 * part of the name or the pinyin initials (`xzyx` → 行政运行). A code the catalogue lacks can be added to the book
 * with its name, right here.
 */
import { Anchor, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { CodeIndex, type CodeEntry } from './codeIndex';

export interface CodePickerProps {
  /** The field's label, e.g. 功能分类科目. */
  label: string;
  entries: readonly CodeEntry[];
  /** Codes of these lengths only (a line takes a 7-digit 项). */
  digits?: readonly number[] | undefined;
  value: string;
  onChange(code: string): void;
  error?: string | undefined;
  /** Adds a code to the book's catalogue; resolves with a message when refused. Without it nothing can be added. */
  onAddCode?(code: string, name: string): Promise<string | undefined>;
  autoFocus?: boolean;
}

export function CodePicker(props: CodePickerProps) {
  const index = useMemo(() => new CodeIndex(props.entries, props.digits), [props.entries, props.digits]);
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState<{ code: string; name: string; error?: string } | null>(null);
  const data = useMemo(() => index.entries.map((e) => ({ value: e.code, label: `${e.code} ${e.name}` })), [index]);
  const typedCode = /^\d+$/.test(search.trim()) && !index.get(search.trim()) ? search.trim() : '';

  const add = async () => {
    if (!adding || !props.onAddCode) return;
    const problem = await props.onAddCode(adding.code, adding.name);
    if (problem) setAdding({ ...adding, error: problem });
    else {
      setAdding(null);
      props.onChange(adding.code);
    }
  };

  return (
    <Stack gap={4}>
      <Select
        label={props.label}
        placeholder="输入编码、名称或拼音首字母"
        searchable
        data={data}
        value={props.value || null}
        onChange={(v) => props.onChange(v ?? '')}
        searchValue={search}
        onSearchChange={setSearch}
        filter={({ search: q }) => index.search(q).map((e) => ({ value: e.code, label: `${e.code} ${e.name}` }))}
        renderOption={({ option }) => {
          const e = index.get(option.value);
          return (
            <Group gap={8} wrap="nowrap">
              <Text size="sm" ff="monospace">
                {option.value}
              </Text>
              <Text size="sm">{e?.name}</Text>
              {e?.parent && (
                <Text size="xs" c="dimmed">
                  {e.parent}
                </Text>
              )}
            </Group>
          );
        }}
        nothingFoundMessage="没有找到匹配的科目"
        maxDropdownHeight={280}
        error={props.error}
        autoFocus={props.autoFocus}
        comboboxProps={{ withinPortal: true }}
      />
      {props.onAddCode && !adding && typedCode && (
        <Anchor component="button" type="button" size="sm" onClick={() => setAdding({ code: typedCode, name: '' })}>
          目录中没有“{typedCode}”，添加到本账套…
        </Anchor>
      )}
      {adding && (
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <TextInput label="新科目编码" value={adding.code} onChange={(e) => setAdding({ ...adding, code: e.currentTarget.value })} w={120} />
          <TextInput
            label="新科目名称"
            value={adding.name}
            onChange={(e) => setAdding({ ...adding, name: e.currentTarget.value })}
            error={adding.error}
            style={{ flex: 1 }}
            data-autofocus
          />
          <Button onClick={() => void add()}>添加</Button>
          <Button variant="default" onClick={() => setAdding(null)}>
            取消
          </Button>
        </Group>
      )}
    </Stack>
  );
}
