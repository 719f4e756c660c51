import { PageTitle } from '../components/page-title';
import { Link } from '../routing/link';
import type { Route } from '../routing/route';

export function NotFoundView({ route }: { route: Route }) {
  return (
    <div className="view">
      <PageTitle title="Not found" />
      <p>
        There is no page at <code>{route.view === 'not-found' ? route.path : ''}</code>.{' '}
        <Link to="/">Go to the overview</Link>.
      </p>
    </div>
  );
}
