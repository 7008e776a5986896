// Uploading a CSV: POST /imports?organisationId=&fileName= with the raw file as the body (the browser streams it from
// disk), the session cookie riding along and the CSRF header the GraphQL link also sends. XMLHttpRequest rather than
// fetch, because only XHR reports upload progress.
import { CSRF_COOKIE, CSRF_HEADER, readCookie } from '@muster/access-ui';

export interface UploadProblem { message: string; code: string; requestId?: string; status: number }

export class ImportUploadError extends Error {
  constructor(readonly problem: UploadProblem) {
    super(problem.message);
    this.name = 'ImportUploadError';
  }
}

export interface UploadProgress { loaded: number; total: number }

/** The minimum of XMLHttpRequest this needs, so tests can hand in a fake. */
export interface XhrLike {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: Blob): void;
  abort(): void;
  status: number;
  responseText: string;
  withCredentials: boolean;
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}

export function importUploadUrl(organisationId: string, fileName: string): string {
  return `/imports?${new URLSearchParams({ organisationId, fileName }).toString()}`;
}

/** The one API error shape (or anything else a proxy might answer) as a problem a person can quote. */
export function parseUploadResponse(status: number, text: string): { id: string } | UploadProblem {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  const id = (body as { data?: { memberImport?: { id?: unknown } } } | null)?.data?.memberImport?.id;
  if (status >= 200 && status < 300 && typeof id === 'string') return { id };
  const error = (body as { errors?: Array<{ message?: string; extensions?: { code?: string; requestId?: string } }> } | null)?.errors?.[0];
  if (error) return { message: error.message ?? 'The upload failed.', code: error.extensions?.code ?? `HTTP_${status}`, requestId: error.extensions?.requestId, status };
  if (status === 413) return { message: 'The file is larger than the 1 GiB an import can take.', code: 'PAYLOAD_TOO_LARGE', status };
  if (status === 0) return { message: 'Could not reach Muster. Check your connection and try again.', code: 'NETWORK_ERROR', status };
  return { message: `The upload failed (HTTP ${status}).`, code: `HTTP_${status}`, status };
}

export interface UploadOptions {
  organisationId: string;
  file: Blob & { name: string; type?: string };
  onProgress?: (p: UploadProgress) => void;
  /** Aborts the upload (the "Cancel upload" button). */
  signal?: AbortSignal;
  createXhr?: () => XhrLike;
  cookie?: () => string;
}

export function uploadImportFile({ organisationId, file, onProgress, signal, createXhr, cookie }: UploadOptions): Promise<{ id: string }> {
  return new Promise((resolve, reject) => {
    const xhr = createXhr ? createXhr() : (new XMLHttpRequest() as unknown as XhrLike);
    xhr.open('POST', importUploadUrl(organisationId, file.name));
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', file.type === 'text/csv' ? 'text/csv' : 'application/octet-stream');
    const token = readCookie(cookie ? cookie() : typeof document === 'undefined' ? '' : document.cookie, CSRF_COOKIE);
    if (token) xhr.setRequestHeader(CSRF_HEADER, token);
    xhr.upload.onprogress = (e) => onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onload = () => {
      const result = parseUploadResponse(xhr.status, xhr.responseText);
      if ('id' in result) resolve(result);
      else reject(new ImportUploadError(result));
    };
    xhr.onerror = () => reject(new ImportUploadError({ message: 'Could not reach Muster. Check your connection and try again.', code: 'NETWORK_ERROR', status: 0 }));
    xhr.onabort = () => reject(new ImportUploadError({ message: 'Upload cancelled.', code: 'UPLOAD_CANCELLED', status: 0 }));
    if (signal) {
      if (signal.aborted) {
        xhr.abort();
        return;
      }
      signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(file);
  });
}
