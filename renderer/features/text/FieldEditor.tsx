/**
 * A text the officer writes for the document (a reason, a count, 部门概况 …), saved by itself: a moment after typing
 * stops, and at once when the field is left. Nothing is saved while an input method is composing, so a half-typed
 * pinyin syllable never reaches the book; input the field does not accept (letters in a count) gets a message and
 * is not saved. The field says 已保存 only once the book holds what it shows.
 */
import { Group, Text, Textarea } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';

export type FieldState = 'saved' | 'editing' | 'saving';

export interface FieldEditorProps {
  label: string;
  /** What the book holds (or the template's default text). */
  stored: string;
  multiline: boolean;
  /** What is wrong with a value, in Chinese, or undefined when it can be saved. */
  check(value: string): string | undefined;
  /** Saves the value; resolves with a message when it was refused. */
  save(value: string): Promise<string | undefined>;
  /** Milliseconds of quiet before saving while typing. */
  delayMs?: number;
  description?: string | undefined;
  /** A short field (a count, an area): drawn narrow. */
  short?: boolean;
}

export function FieldEditor({ label, stored, multiline, check, save, delayMs = 800, description, short = false }: FieldEditorProps) {
  const [value, setValue] = useState(stored);
  const [state, setState] = useState<FieldState>('saved');
  const [error, setError] = useState<string | undefined>();
  const composing = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef({ value, dirty: false });

  // A change made elsewhere (undo, another window) shows unless the officer is in the middle of typing here.
  useEffect(() => {
    if (!latest.current.dirty) {
      setValue(stored);
      latest.current.value = stored;
    }
  }, [stored]);

  const flush = async () => {
    clearTimeout(timer.current);
    if (composing.current || !latest.current.dirty) return;
    const text = latest.current.value;
    const problem = check(text);
    if (problem) {
      setError(problem);
      return;
    }
    setState('saving');
    const refused = await save(text);
    setError(refused);
    // Typing went on while saving: that text is saved by its own flush.
    if (latest.current.value !== text) return;
    latest.current.dirty = refused !== undefined;
    setState(refused ? 'editing' : 'saved');
  };

  const later = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), delayMs);
  };

  // Leaving the page saves what was typed.
  useEffect(() => () => void flush(), []);

  return (
    <Textarea
      label={label}
      // Under the text: what to write, and while it is not saved yet, that it is not (the status bar says 已保存).
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      description={
        description || state !== 'saved' ? (
          <Group gap="xs" component="span" wrap="nowrap">
            {description && <span>{description}</span>}
            {state !== 'saved' && (
              <Text span size="xs" c="orange">
                {state === 'saving' ? '正在保存…' : '未保存'}
              </Text>
            )}
          </Group>
        ) : undefined
      }
      maw={short ? 260 : undefined}
      value={value}
      error={error}
      autosize
      minRows={multiline ? 3 : 1}
      maxRows={multiline ? 16 : 4}
      onChange={(e) => {
        const text = e.currentTarget.value;
        setValue(text);
        latest.current = { value: text, dirty: true };
        setState('editing');
        setError(undefined);
        if (!composing.current) later();
      }}
      onKeyDown={(e) => {
        // One paragraph: Enter leaves the text as it is (and saves it) instead of starting a new line.
        if (!multiline && e.key === 'Enter' && !e.nativeEvent.isComposing) {
          e.preventDefault();
          void flush();
        }
      }}
      onCompositionStart={() => {
        composing.current = true;
        clearTimeout(timer.current);
      }}
      onCompositionEnd={() => {
        composing.current = false;
        later();
      }}
      onBlur={() => void flush()}
    />
  );
}
