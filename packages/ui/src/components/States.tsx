import type { ReactNode } from 'react';
import type { ApiProblem } from '../lib/problem.js';
import { Button } from './Button.js';

export function EmptyState({ title, children, action, testId = 'empty-state' }: { title: ReactNode; children?: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <div className="mu-state mu-state--empty" data-testid={testId} role="status">
      <svg className="mu-state__icon" viewBox="0 0 48 48" aria-hidden="true">
        <circle cx="22" cy="22" r="12" fill="none" stroke="currentColor" strokeWidth="3" />
        <path d="M31 31l9 9" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
      </svg>
      <h2 className="mu-state__title">{title}</h2>
      {children ? <div className="mu-state__body">{children}</div> : null}
      {action ? <div className="mu-state__action">{action}</div> : null}
    </div>
  );
}

/** Shows the API's code and request id so a person reporting a problem can quote them. */
export function ErrorState({ title = 'Something went wrong', problem, onRetry }: { title?: ReactNode; problem: ApiProblem; onRetry?: () => void }) {
  return (
    <div className="mu-state mu-state--error" role="alert" data-testid="error-state">
      <h2 className="mu-state__title">{title}</h2>
      <p className="mu-state__body">{problem.message}</p>
      <p className="mu-state__meta">
        Error code <code data-testid="error-code">{problem.code}</code>
        {problem.requestId ? (
          <>
            {' '}· request id <code data-testid="error-request-id">{problem.requestId}</code>
          </>
        ) : null}
      </p>
      {onRetry ? (
        <div className="mu-state__action">
          <Button variant="primary" onClick={onRetry}>
            Try again
          </Button>
        </div>
      ) : null}
    </div>
  );
}

export function Skeleton({ width = '100%', height = '1rem' }: { width?: string; height?: string }) {
  return <span className="mu-skeleton" style={{ width, height }} aria-hidden="true" />;
}

export function LoadingState({ label = 'Loading…', rows = 6, children }: { label?: string; rows?: number; children?: ReactNode }) {
  return (
    <div className="mu-loading" role="status" aria-live="polite" data-testid="loading-state">
      <span className="mu-visually-hidden">{label}</span>
      {children ?? (
        <div className="mu-loading__rows">
          {Array.from({ length: rows }, (_, i) => (
            <Skeleton key={i} width={`${70 + ((i * 37) % 30)}%`} height="1.25rem" />
          ))}
        </div>
      )}
    </div>
  );
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return (
    <span className="mu-inline-spinner" role="status">
      <span className="mu-spinner" aria-hidden="true" />
      <span className="mu-visually-hidden">{label}</span>
    </span>
  );
}
