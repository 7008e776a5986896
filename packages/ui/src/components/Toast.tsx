import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Tone } from './Badge.js';

export interface Notice {
  id: number;
  tone: Tone;
  title: string;
  body?: ReactNode;
}

interface ToastApi {
  notify: (notice: Omit<Notice, 'id'>) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

/** How long a notice stays; long enough to read twice. Errors stay until dismissed. */
const VISIBLE_MS = 9000;

function ToastItem({ notice, onDismiss }: { notice: Notice; onDismiss: (id: number) => void }) {
  useEffect(() => {
    if (notice.tone === 'danger') return undefined;
    const t = setTimeout(() => onDismiss(notice.id), VISIBLE_MS);
    return () => clearTimeout(t);
  }, [notice, onDismiss]);
  return (
    <div className={`mu-toast mu-toast--${notice.tone}`} data-testid="toast">
      <div>
        <p className="mu-toast__title">{notice.title}</p>
        {notice.body ? <div className="mu-toast__body">{notice.body}</div> : null}
      </div>
      <button type="button" className="mu-toast__close" onClick={() => onDismiss(notice.id)} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}

/** Says what happened after an action, in a polite live region. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  const api = useMemo<ToastApi>(
    () => ({ notify: (n) => setNotices((list) => [...list.slice(-3), { ...n, id: next.current++ }]) }),
    [],
  );
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="mu-toasts" role="status" aria-live="polite">
        {notices.map((n) => (
          <ToastItem key={n.id} notice={n} onDismiss={dismiss} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast must be used inside <ToastProvider>');
  return api;
}

/** An inline notice for a page (not transient). */
export function Callout({ tone = 'info', title, children }: { tone?: Tone; title?: ReactNode; children?: ReactNode }) {
  return (
    <div className={`mu-callout mu-callout--${tone}`} role={tone === 'danger' ? 'alert' : undefined}>
      {title ? <p className="mu-callout__title">{title}</p> : null}
      {children ? <div className="mu-callout__body">{children}</div> : null}
    </div>
  );
}
