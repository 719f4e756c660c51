import type { Highs, InitOptions } from 'highs';

// HiGHS (compiled to WebAssembly) is loaded once per process, on first use: loading compiles the
// module, which takes tens of milliseconds.

type HighsLoader = (options?: InitOptions) => Promise<Highs>;

let loading: Promise<Highs> | undefined;

export function loadHighs(): Promise<Highs> {
  loading ??= import('highs').then((module) => {
    // The package's typings describe its CommonJS shape (the loader under `default.default`); the
    // ESM build Node picks exports the loader as `default` itself. Accept either.
    const exported: unknown = module.default;
    const loader = typeof exported === 'function' ? exported : (exported as { default: unknown }).default;
    if (typeof loader !== 'function') throw new Error('highs: the package exports no loader function');
    return (loader as HighsLoader)();
  });
  // A failed load is not kept: the next call tries again.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
