/**
 * The desktop menu's commands (文件/编辑/帮助) reach whichever page can carry them out: a page registers handlers
 * while it is shown, and a command no page handles falls back to the app (新建账套 and 打开数据包 go to the book
 * list, which then carries them out). In the browser there is no menu and nothing is ever called.
 */
import { type RefObject, useEffect, useRef } from 'react';
import { type MenuCommand, onMenuCommand } from '../platform/desktop';

type Handlers = Partial<Record<MenuCommand, () => void>>;

/** The handlers of the mounted pages, the latest last (each page's current handlers, through its ref). */
const registered: RefObject<Handlers>[] = [];
/** A command handed over to the page that is opening for it (the book list, for 新建账套 from a book). */
let pending: MenuCommand | undefined;

/** Handles the page's commands while it is mounted; the latest page registered wins. */
export function useMenuCommands(handlers: Handlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    registered.push(latest);
    return () => void registered.splice(registered.indexOf(latest), 1);
  }, []);
}

/** Listens to the menu; commands no page handles go to `fallback`. Returns the function that stops listening. */
export function listenToMenu(fallback: (command: MenuCommand) => void): () => void {
  return onMenuCommand((command) => {
    for (let i = registered.length - 1; i >= 0; i--) {
      const handler = registered[i]!.current[command];
      if (handler) return handler();
    }
    fallback(command);
  });
}

/** Leaves a command for the page about to open. */
export function handOver(command: MenuCommand): void {
  pending = command;
}

/** The command left for this page, once. */
export function takeHandedOver(): MenuCommand | undefined {
  const command = pending;
  pending = undefined;
  return command;
}
