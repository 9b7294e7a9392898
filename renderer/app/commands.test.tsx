// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DesktopPlatform, MenuCommand } from '../platform/desktop';
import { handOver, listenToMenu, takeHandedOver, useMenuCommands } from './commands';

let send: (command: MenuCommand) => void = () => {};

afterEach(() => {
  cleanup();
  delete window.budgetDesktop;
});

function desktopMenu(): void {
  window.budgetDesktop = {
    onCommand: (listener: (command: MenuCommand) => void) => {
      send = listener;
      return () => {};
    },
  } as unknown as DesktopPlatform;
}

function Page(props: { undo(): void }) {
  useMenuCommands({ undo: props.undo });
  return null;
}

describe('the desktop menu’s commands', () => {
  it('go to the page shown last that takes them, else to the fallback', () => {
    desktopMenu();
    const fallback = vi.fn();
    const stop = listenToMenu(fallback);
    const first = vi.fn();
    const second = vi.fn();
    const { unmount } = render(<Page undo={first} />);
    const later = render(<Page undo={second} />);
    send('undo');
    expect(second).toHaveBeenCalledOnce();
    expect(first).not.toHaveBeenCalled();
    later.unmount();
    send('undo');
    expect(first).toHaveBeenCalledOnce();
    unmount();
    send('undo');
    send('about');
    expect(fallback.mock.calls).toEqual([['undo'], ['about']]);
    stop();
  });

  it('a command handed over to the next page is taken once', () => {
    handOver('new-book');
    expect(takeHandedOver()).toBe('new-book');
    expect(takeHandedOver()).toBeUndefined();
  });
});
