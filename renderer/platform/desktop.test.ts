// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DesktopPlatform, type MenuCommand, onMenuCommand } from './desktop';

afterEach(() => {
  delete window.budgetDesktop;
});

describe('onMenuCommand', () => {
  it('in the browser: never calls back, and stopping is harmless', () => {
    const listener = vi.fn();
    const stop = onMenuCommand(listener);
    expect(() => stop()).not.toThrow();
    expect(listener).not.toHaveBeenCalled();
  });

  it('in the desktop program: subscribes through the bridge and returns its stop function', () => {
    let forward: ((command: MenuCommand) => void) | undefined;
    const stop = vi.fn();
    window.budgetDesktop = {
      onCommand: (listener: (command: MenuCommand) => void) => {
        forward = listener;
        return stop;
      },
    } as unknown as DesktopPlatform;
    const seen: MenuCommand[] = [];
    const unsubscribe = onMenuCommand((command) => seen.push(command));
    forward?.('new-book');
    expect(seen).toEqual(['new-book']);
    unsubscribe();
    expect(stop).toHaveBeenCalledOnce();
  });
});
