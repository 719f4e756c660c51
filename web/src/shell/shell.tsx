import { Suspense, useEffect } from 'react';
import { Link } from '../routing/link';
import { useRoute } from '../routing/navigation';
import type { Route } from '../routing/route';
import { useSession } from '../session/session-context';
import { LazyViewHost } from './lazy-view';
import { ViewErrorBoundary } from './view-error-boundary';
import { navigation, preloadViews, views } from './views';

/** The frame around every view once signed in: navigation, who is signed in, the view itself. */
export function Shell() {
  const route = useRoute();
  const { session, signOut } = useSession();
  // The other views' code loads while the browser has nothing better to do.
  useEffect(() => {
    const idle = requestIdleCallback(() => void preloadViews(), { timeout: 2_000 });
    return () => cancelIdleCallback(idle);
  }, []);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <Link to="/" className="brand" aria-label="infratwin overview">
          <img src="/favicon.svg" alt="" width="20" height="20" />
          infratwin
        </Link>
        <nav aria-label="Views">
          <ul>
            {navigation.map((item) => (
              <li key={item.view}>
                <Link to={item.path} aria-current={route.view === item.view ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <section className="who" aria-label="Signed in">
          <span className="who-name">{session.name}</span>
          <span className="role-badge" title="your role: what you may do here">
            {session.role}
          </span>
          <button type="button" onClick={() => signOut()}>
            Sign out
          </button>
        </section>
      </header>
      <main id="main" tabIndex={-1}>
        <ViewErrorBoundary key={viewKey(route)}>
          <Suspense
            fallback={
              <p className="page-status" role="status">
                Loading…
              </p>
            }
          >
            <LazyViewHost view={views[route.view].view} route={route} />
          </Suspense>
        </ViewErrorBoundary>
      </main>
    </div>
  );
}

/** A view keeps its state while only its query changes (a topology search), not across entities. */
function viewKey(route: Route): string {
  return route.view === 'entity' ? `entity:${route.id}` : route.view;
}
