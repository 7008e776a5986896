import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The signed-in person's menu in the header (name, links, sign-out). A <details> element, so it opens with the
 * keyboard and without script; it closes on Escape or a click outside.
 */
export function AccountMenu({ label, detail, children, testId = 'account-menu' }: { label: ReactNode; detail?: ReactNode; children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (e: Event) => {
      const el = ref.current;
      if (!el?.open) return;
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !el.contains(e.target as Node)) el.open = false;
    };
    document.addEventListener('click', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('click', close);
      document.removeEventListener('keydown', close);
    };
  }, []);
  return (
    <details className="mu-account" ref={ref} data-testid={testId}>
      <summary className="mu-account__summary" data-testid={`${testId}-button`}>
        <span className="mu-account__avatar" aria-hidden="true">
          {typeof label === 'string' ? label.trim().charAt(0).toUpperCase() : '•'}
        </span>
        <span className="mu-account__label">{label}</span>
      </summary>
      <div className="mu-account__panel">
        {detail ? <div className="mu-account__detail">{detail}</div> : null}
        <ul className="mu-account__items">{children}</ul>
      </div>
    </details>
  );
}
