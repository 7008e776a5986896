import { useState, type ReactNode } from 'react';
import { toApiProblem, useToast } from '@muster/ui';
import { CSRF_COOKIE, CSRF_HEADER, readCookie } from '@muster/access-ui';

/** The file name a response names in content-disposition, else the fallback. */
export function attachmentName(disposition: string | null, fallback: string): string {
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition ?? '');
  return plain ? plain[1].trim() : fallback;
}

/**
 * A download of an API file (e.g. an import's rejected rows) for a cookie session. The API checks the CSRF header on
 * every cookie request, GETs included, and a plain link cannot send a header: so with a session, a click fetches the
 * file with the header and saves it (the file is held in memory while it downloads: fine for rejected rows, not meant
 * for a million-row export). Without a session cookie (a bearer-token or open API) it stays a plain link. A refusal is
 * said in a notice with the API's code, instead of saving an error as the file.
 */
export function SessionDownloadLink({ href, fallbackName, className, children, testId }: { href: string; fallbackName: string; className?: string; children: ReactNode; testId?: string }) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  return (
    <a
      href={href}
      download
      className={className}
      data-testid={testId}
      aria-busy={busy || undefined}
      onClick={(e) => {
        const token = readCookie(document.cookie, CSRF_COOKIE);
        if (!token) return;
        e.preventDefault();
        if (busy) return;
        setBusy(true);
        void (async () => {
          try {
            const res = await fetch(href, { headers: { [CSRF_HEADER]: token }, credentials: 'same-origin' });
            if (!res.ok) {
              const body = await res.json().catch(() => null);
              // The API's one error shape, or whatever a proxy answered.
              throw body && typeof body === 'object' ? body : new Error(`The download failed (HTTP ${res.status}).`);
            }
            const url = URL.createObjectURL(await res.blob());
            const a = document.createElement('a');
            a.href = url;
            a.download = attachmentName(res.headers.get('content-disposition'), fallbackName);
            document.body.appendChild(a);
            a.click();
            a.remove();
            setTimeout(() => URL.revokeObjectURL(url), 60_000);
          } catch (error) {
            const p = toApiProblem(error);
            toast.notify({ tone: 'danger', title: 'The file could not be downloaded', body: `${p.message} (${p.code}${p.requestId ? `, request ${p.requestId}` : ''})` });
          } finally {
            setBusy(false);
          }
        })();
      }}
    >
      {children}
    </a>
  );
}
