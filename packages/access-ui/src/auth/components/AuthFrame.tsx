import type { ReactNode } from 'react';
import { useAccessConfig } from '../../config.js';

/** The plain frame of pages shown outside the app shell: sign-in, accepting an invitation, the wrong app. */
export function AuthFrame({ title, children, testId }: { title: ReactNode; children: ReactNode; testId?: string }) {
  const { app: APP } = useAccessConfig();
  return (
    <main className="mu-auth" id="main" data-testid={testId}>
      <div className="mu-auth__card">
        <div className="mu-auth__brand">
          <span className="mu-brand__mark" aria-hidden="true">M</span>
          <span>{APP.name}</span>
        </div>
        <h1 className="mu-auth__title">{title}</h1>
        {children}
      </div>
    </main>
  );
}
