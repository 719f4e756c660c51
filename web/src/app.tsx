import { SessionProvider } from './session/session-context';
import { SignInPage } from './session/sign-in-page';
import { useSignIn } from './session/use-sign-in';
import { Shell } from './shell/shell';

/** Signed in, the shell and its views; otherwise the sign-in page, wherever the URL points. */
export function App() {
  const { state, signIn, resumeSaved } = useSignIn();
  if (state.phase === 'checking') {
    return (
      <p className="page-status" role="status">
        Checking your session…
      </p>
    );
  }
  if (state.phase === 'signed-out') {
    return (
      <SignInPage
        onSignIn={signIn}
        notice={state.notice}
        onRetrySaved={state.canRetrySaved ? resumeSaved : undefined}
      />
    );
  }
  return (
    <SessionProvider value={state.signedIn}>
      <Shell />
    </SessionProvider>
  );
}
