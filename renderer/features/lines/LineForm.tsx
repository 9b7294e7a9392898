/**
 * The form of a new record (a line, a project, a performance target): the fields it takes from where it is added
 * are shown, the others are asked for — codes through the catalogue picker, choices and references as lists, texts
 * as inputs. Amounts are typed in the grid afterwards. Problems come back from storage with the field they concern
 * and are shown there; nothing is written until every field is right.
 */
import { Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { DatasetDef } from '../../../shared/template/schema';
import { addCode, type EditProblem } from '../../db';
import { describeRecord, isRequired } from '../../db/fields';
import { FormButtons } from '../dialogs/FormButtons';
import { ProblemAlert } from '../dialogs/ProblemAlert';
import { CodePicker } from '../pickers/CodePicker';
import type { BookSession } from '../workspace/session';
import { isTypedField } from './lineTable';
import { ownerOf } from './owner';

export interface LineFormRequest {
  readonly title: string;
  readonly dataset: string;
  /** Fields fixed by where the record is added (shown, not asked for). */
  readonly context: Readonly<Record<string, string>>;
  /** Values the asked-for fields start from (a copied line's codes). */
  readonly initial?: Readonly<Record<string, string>>;
  /** Checks the inputs before they are written (a line whose codes another line of the place has already). */
  readonly check?: (inputs: Readonly<Record<string, string>>) => EditProblem | undefined;
  /** Writes the record; resolves with the problems when nothing was written. */
  readonly submit: (inputs: Readonly<Record<string, string>>) => Promise<readonly EditProblem[]>;
  /** Said once the record is written. */
  readonly done?: string;
}

/** The fields a form asks for: typed fields the place does not fix. */
export function askedFields(def: DatasetDef, context: Readonly<Record<string, string>>): string[] {
  return Object.entries(def.fields)
    .filter(([name, f]) => isTypedField(f) && !(name in context))
    .map(([name]) => name);
}

export function LineForm({ session, request, onClose }: { session: BookSession; request: LineFormRequest; onClose(saved: boolean): void }) {
  const book = session.departmentBook;
  const def = book.template.datasets[request.dataset]!;
  const asked = askedFields(def, request.context);
  const [inputs, setInputs] = useState<Record<string, string>>(() =>
    Object.fromEntries(asked.map((name) => [name, request.initial?.[name] ?? ''])),
  );
  const [problems, setProblems] = useState<readonly EditProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const set = (name: string, value: string) => setInputs((old) => ({ ...old, [name]: value }));
  const errorOf = (name: string) => problems.find((p) => p.field === name)?.message;

  const submit = async () => {
    const all = { ...request.context, ...Object.fromEntries(Object.entries(inputs).filter(([, v]) => v.trim() !== '')) };
    const own = request.check?.(all);
    if (own) return setProblems([own]);
    setBusy(true);
    const refused = await request.submit(all);
    setBusy(false);
    if (refused.length > 0) setProblems(refused);
    else onClose(true);
  };

  const shown = Object.entries(request.context).filter(([name]) => def.fields[name]);
  // Problems of a field the form shows go under it; the others above the buttons.
  const elsewhere = problems.filter((p) => !p.field || !asked.includes(p.field));
  return (
    <Modal opened onClose={() => onClose(false)} title={request.title} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          {shown.length > 0 && (
            <Text size="sm" c="dimmed">
              {shown.map(([name, value]) => `${def.fields[name]!.label}：${contextText(session, def, name, value)}`).join('；')}
            </Text>
          )}
          {asked.map((name, i) => (
            <FieldInput
              key={name}
              session={session}
              def={def}
              name={name}
              value={inputs[name] ?? ''}
              onChange={(v) => set(name, v)}
              error={errorOf(name)}
              autoFocus={i === 0}
            />
          ))}
          {elsewhere.length > 0 && <ProblemAlert title="未保存" problems={elsewhere} />}
          <FormButtons onCancel={() => onClose(false)} submit="确定" loading={busy} />
        </Stack>
      </form>
    </Modal>
  );
}

/** How a fixed field of the context reads: a unit with its name, a referenced record as officers know it. */
function contextText(session: BookSession, def: DatasetDef, name: string, value: string): string {
  const field = def.fields[name]!;
  if (field.type === 'unit') return `${value} ${session.departmentBook.unitByCode.get(value)?.name ?? ''}`;
  if (field.type === 'ref') {
    const target = session.bookFile.data[field.dataset]?.find((r) => r.id === value);
    return target ? describeRecord(session.departmentBook.template.datasets[field.dataset]!, value, target) : value;
  }
  return value;
}

function FieldInput(props: {
  session: BookSession;
  def: DatasetDef;
  name: string;
  value: string;
  onChange(value: string): void;
  error: string | undefined;
  autoFocus: boolean;
}) {
  const { session, def, name } = props;
  const field = def.fields[name]!;
  const book = session.departmentBook;
  const common = { label: field.label, withAsterisk: isRequired(field), error: props.error, autoFocus: props.autoFocus };
  switch (field.type) {
    case 'code':
      return (
        <CodePicker
          label={field.label}
          entries={book.codes.entries(field.catalogue)}
          digits={field.digits}
          value={props.value}
          onChange={props.onChange}
          error={props.error}
          autoFocus={props.autoFocus}
          onAddCode={async (code, codeName) => {
            const outcome = await session.perform((db, bookId) => addCode(db, bookId, field.catalogue, code, codeName));
            return outcome.ok ? undefined : outcome.problems.map((p) => p.message).join('；');
          }}
        />
      );
    case 'enum':
      return <Select {...common} data={field.values} value={props.value || null} onChange={(v) => props.onChange(v ?? '')} allowDeselect={!isRequired(field)} />;
    case 'unit':
      return (
        <Select
          {...common}
          data={book.units.map((u) => ({ value: u.code, label: `${u.code} ${u.name}` }))}
          value={props.value || null}
          onChange={(v) => props.onChange(v ?? '')}
        />
      );
    case 'ref': {
      const targetDef = book.template.datasets[field.dataset]!;
      // Only records of the unit being edited (or of the department in its view) can be referred to here.
      const options = (session.bookFile.data[field.dataset] ?? [])
        .filter((r) => ownerOf(book, targetDef, r) === session.scope)
        .map((r) => ({ value: r.id, label: describeRecord(targetDef, r.id, r) }));
      return (
        <Select
          {...common}
          searchable
          data={options}
          value={props.value || null}
          onChange={(v) => props.onChange(v ?? '')}
          nothingFoundMessage={`没有可选的${targetDef.label}`}
        />
      );
    }
    default:
      return <TextInput {...common} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)} />;
  }
}
