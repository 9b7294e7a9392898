import { HomePage } from '../features/home/HomePage';
import { PrintFilePage } from '../features/print/PrintFilePage';
import { PrintPage } from '../features/print/PrintPage';
import { WorkspacePage } from '../features/workspace/WorkspacePage';
import { DatabaseGate } from './database';
import { MenuBridge } from './MenuBridge';
import { useRoute } from './route';

export function App() {
  // The command line's print view takes its book from the page, not from the database.
  if (useRoute().name === 'print-file') return <PrintFilePage />;
  return (
    <DatabaseGate>
      <Routes />
      <MenuBridge />
    </DatabaseGate>
  );
}

function Routes() {
  const route = useRoute();
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'book':
      return <WorkspacePage bookId={route.bookId} page={route.page} />;
    case 'print':
      return <PrintPage bookId={route.bookId} />;
    case 'print-file':
      return null;
  }
}
