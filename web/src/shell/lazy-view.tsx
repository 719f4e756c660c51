import { type ComponentType, lazy, useState } from 'react';
import type { Route } from '../routing/route';

export type ViewComponent = ComponentType<{ route: Route }>;

export interface LazyView {
  /** The view's component once its code has loaded. */
  loaded(): ViewComponent | undefined;
  /** The same component behind React.lazy: suspends until the code has loaded. */
  suspending: ViewComponent;
  /** Loads the view's code now, so that showing it later does not wait. */
  preload(): Promise<unknown>;
}

/**
 * A view whose code loads when first wanted: when it is shown, or earlier by `preload` (the shell
 * preloads every view while the browser is idle).
 */
export function lazyView(load: () => Promise<ViewComponent>): LazyView {
  let loaded: ViewComponent | undefined;
  let loading: Promise<ViewComponent> | undefined;
  const preload = () => {
    loading ??= load().then((component) => {
      loaded = component;
      return component;
    });
    // A failed load is not kept: the next attempt (showing the view) tries again.
    loading.catch(() => {
      loading = undefined;
    });
    return loading;
  };
  return { loaded: () => loaded, suspending: lazy(async () => ({ default: await preload() })), preload };
}

/**
 * Shows a lazy view: at once when its code has loaded, else suspending until it has — and React
 * holds a suspended view back for a few hundred milliseconds to avoid flicker, which a preloaded
 * view never pays.
 */
export function LazyViewHost({ view, route }: { view: LazyView; route: Route }) {
  // Chosen once per mount: switching from one to the other would mount the view again.
  const [Component] = useState<ViewComponent>(() => view.loaded() ?? view.suspending);
  return <Component route={route} />;
}
