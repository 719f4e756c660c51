import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | undefined;
}

/**
 * A view that fails (a bug, a chunk that cannot load) shows its error in place of itself; the
 * navigation stays usable. The shell keys it by path, so leaving the view clears it.
 */
export class ViewErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(_error: Error, _info: ErrorInfo): void {
    // Shown on the page; React has already reported it to the console.
  }

  override render() {
    if (this.state.error === undefined) return this.props.children;
    return (
      <div className="view">
        <h1>This view failed</h1>
        <p className="error" role="alert">
          {this.state.error.message}
        </p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </div>
    );
  }
}
