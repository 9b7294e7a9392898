/**
 * Hash routes, so the same build works from a web server, from app:// and from a file: #/ (books),
 * #/book/<id>/<page> (a book's table or text page), #/book/<id>/print (the print document), #/print-file (the print
 * document of a book file handed over by the command line, see renderer/features/print/PrintFilePage.tsx).
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'home' }
  | { name: 'book'; bookId: string; page: string }
  | { name: 'print'; bookId: string }
  | { name: 'print-file' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'print-file') return { name: 'print-file' };
  if (parts[0] === 'book' && parts[1]) {
    if (parts[2] === 'print') return { name: 'print', bookId: parts[1] };
    return { name: 'book', bookId: parts[1], page: parts[2] ?? 'T1' };
  }
  return { name: 'home' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'book':
      return `#/book/${encodeURIComponent(route.bookId)}/${encodeURIComponent(route.page)}`;
    case 'print':
      return `#/book/${encodeURIComponent(route.bookId)}/print`;
    case 'print-file':
      return '#/print-file';
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
