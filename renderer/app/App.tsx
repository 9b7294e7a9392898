import { HomePage } from '../features/home/HomePage';
import { PrintPage } from '../features/print/PrintPage';
import { WorkspacePage } from '../features/workspace/WorkspacePage';
import { DatabaseGate } from './database';
import { MenuBridge } from './MenuBridge';
import { useRoute } from './route';

export function App() {
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
  }
}
