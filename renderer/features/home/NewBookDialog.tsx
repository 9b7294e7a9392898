/**
 * 新建账套: the template (表样 set), the year, the department's code and name, and its budget units with their
 * kind (行政 / 参公 / 事业). Wrong fields get a message where they are and nothing is created.
 */
import { ActionIcon, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { allTemplates } from '../../../shared/template/registry';
import { type BudgetDb, createBook, type EditProblem } from '../../db';
import { FormButtons } from '../dialogs/FormButtons';
import { ProblemAlert } from '../dialogs/ProblemAlert';
import { checkNewBook, emptyForm, type FormErrors, type NewBookForm, templateKey } from './newBook';

export function NewBookDialog(props: { db: BudgetDb; onClose(): void; onCreated(bookId: string): void }) {
  const templates = allTemplates();
  const [form, setForm] = useState<NewBookForm>(() => emptyForm(templates[0]!, new Date().getFullYear() + 1));
  const [errors, setErrors] = useState<FormErrors>({});
  const [problems, setProblems] = useState<readonly EditProblem[]>([]);
  const template = templates.find((t) => templateKey(t) === form.template);
  const set = (change: Partial<NewBookForm>) => setForm((f) => ({ ...f, ...change }));
  const setUnit = (i: number, change: Partial<NewBookForm['units'][number]>) =>
    setForm((f) => ({ ...f, units: f.units.map((u, j) => (j === i ? { ...u, ...change } : u)) }));

  const submit = async () => {
    const checked = checkNewBook(form, templates);
    if ('errors' in checked) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    const outcome = await createBook(props.db, checked.book);
    if (outcome.ok) props.onCreated(outcome.bookId);
    else setProblems(outcome.problems);
  };

  return (
    <Modal opened onClose={props.onClose} title="新建账套" size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
      >
        <Stack gap="sm">
          <Select
            label="模板"
            data={templates.map((t) => ({ value: templateKey(t), label: t.name }))}
            value={form.template}
            onChange={(v) => v && set({ template: v })}
            allowDeselect={false}
            error={errors['template']}
          />
          <Group grow align="flex-start">
            <TextInput label="预算年度" value={form.year} onChange={(e) => set({ year: e.currentTarget.value })} error={errors['year']} withAsterisk data-autofocus />
            <TextInput label="账套名称" placeholder="默认为部门名称加年度" value={form.name} onChange={(e) => set({ name: e.currentTarget.value })} error={errors['name']} />
          </Group>
          <Group grow align="flex-start">
            <TextInput label="部门编码" value={form.departmentCode} onChange={(e) => set({ departmentCode: e.currentTarget.value })} error={errors['departmentCode']} withAsterisk />
            <TextInput label="部门名称" value={form.departmentName} onChange={(e) => set({ departmentName: e.currentTarget.value })} error={errors['departmentName']} withAsterisk />
          </Group>
          <Text size="sm" fw={500}>
            预算单位
          </Text>
          {form.units.map((u, i) => (
            <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
              <TextInput aria-label={`第 ${i + 1} 个单位的编码`} placeholder="单位编码" w={130} value={u.code} onChange={(e) => setUnit(i, { code: e.currentTarget.value })} error={errors[`units.${i}.code`]} />
              <TextInput aria-label={`第 ${i + 1} 个单位的名称`} placeholder="单位名称" style={{ flex: 1 }} value={u.name} onChange={(e) => setUnit(i, { name: e.currentTarget.value })} error={errors[`units.${i}.name`]} />
              <Select
                aria-label={`第 ${i + 1} 个单位的性质`}
                w={100}
                data={template?.unitKinds ?? []}
                value={u.kind || null}
                onChange={(v) => setUnit(i, { kind: v ?? '' })}
                allowDeselect={false}
                error={errors[`units.${i}.kind`]}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={`删除第 ${i + 1} 个单位`}
                disabled={form.units.length === 1}
                onClick={() => set({ units: form.units.filter((_, j) => j !== i) })}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          {errors['units'] && (
            <Text size="sm" c="red">
              {errors['units']}
            </Text>
          )}
          <Group>
            <Button variant="light" size="xs" onClick={() => set({ units: [...form.units, { code: '', name: '', kind: template?.unitKinds[0] ?? '' }] })}>
              添加单位
            </Button>
          </Group>
          {problems.length > 0 && <ProblemAlert title="未能创建账套" problems={problems} />}
          <FormButtons onCancel={props.onClose} submit="创建" />
        </Stack>
      </form>
    </Modal>
  );
}
