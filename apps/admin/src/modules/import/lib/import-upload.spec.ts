import { ImportUploadError, importUploadUrl, parseUploadResponse, uploadImportFile, type XhrLike } from './import-upload';

class FakeXhr implements XhrLike {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: Blob | null = null;
  aborted = false;
  status = 0;
  responseText = '';
  withCredentials = false;
  upload: XhrLike['upload'] = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: Blob) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.onload?.();
  }
}

function file(text: string, name = 'members export.csv', type = 'text/csv') {
  return Object.assign(new Blob([text], { type }), { name });
}

describe('uploading a CSV', () => {
  it('POSTs the raw file to /imports with the organisation, file name and CSRF header, reports progress, and answers the id', async () => {
    const xhr = new FakeXhr();
    const progress: Array<{ loaded: number; total: number }> = [];
    const f = file('first_name,last_name\nAda,Lovelace\n');
    const done = uploadImportFile({ organisationId: 'org 1', file: f, createXhr: () => xhr, cookie: () => 'a=b; muster_csrf=tok%3D1', onProgress: (p) => progress.push(p) });
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/imports?organisationId=org+1&fileName=members+export.csv');
    expect(xhr.headers).toEqual({ 'content-type': 'text/csv', 'x-csrf-token': 'tok=1' });
    expect(xhr.withCredentials).toBe(true);
    expect(xhr.body).toBe(f);
    xhr.upload.onprogress?.({ loaded: 10, total: 33, lengthComputable: true });
    xhr.upload.onprogress?.({ loaded: 33, total: 0, lengthComputable: false });
    expect(progress).toEqual([{ loaded: 10, total: 33 }, { loaded: 33, total: f.size }]);
    xhr.respond(201, { data: { memberImport: { id: 'imp-1' } } });
    await expect(done).resolves.toEqual({ id: 'imp-1' });
  });

  it('sends other files as octet-stream and no CSRF header without the cookie (bearer-token or open APIs)', () => {
    const xhr = new FakeXhr();
    void uploadImportFile({ organisationId: 'o', file: file('x', 'a.txt', 'application/vnd.ms-excel'), createXhr: () => xhr, cookie: () => '' }).catch(() => undefined);
    expect(xhr.headers).toEqual({ 'content-type': 'application/octet-stream' });
  });

  it('turns the API error shape into a problem with its code and request id', async () => {
    const xhr = new FakeXhr();
    const done = uploadImportFile({ organisationId: 'o', file: file('x'), createXhr: () => xhr, cookie: () => '' });
    xhr.respond(403, { data: null, errors: [{ message: 'You cannot import here', extensions: { code: 'FORBIDDEN', requestId: 'req-9' } }] });
    await expect(done).rejects.toBeInstanceOf(ImportUploadError);
    await expect(done).rejects.toMatchObject({ problem: { message: 'You cannot import here', code: 'FORBIDDEN', requestId: 'req-9', status: 403 } });
  });

  it('says plainly when the upload was cancelled or the network failed', async () => {
    const controller = new AbortController();
    const xhr = new FakeXhr();
    const done = uploadImportFile({ organisationId: 'o', file: file('x'), createXhr: () => xhr, cookie: () => '', signal: controller.signal });
    controller.abort();
    expect(xhr.aborted).toBe(true);
    await expect(done).rejects.toMatchObject({ problem: { code: 'UPLOAD_CANCELLED' } });
    const offline = new FakeXhr();
    const failed = uploadImportFile({ organisationId: 'o', file: file('x'), createXhr: () => offline, cookie: () => '' });
    offline.onerror?.();
    await expect(failed).rejects.toMatchObject({ problem: { code: 'NETWORK_ERROR' } });
  });

  it('makes sense of responses that are not the API’s (a proxy’s 413 or 502 page)', () => {
    expect(parseUploadResponse(413, '<html>too big</html>')).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(parseUploadResponse(502, 'Bad gateway')).toMatchObject({ code: 'HTTP_502' });
    expect(parseUploadResponse(201, '{"data":{}}')).toMatchObject({ code: 'HTTP_201' });
    expect(importUploadUrl('o', 'a&b.csv')).toBe('/imports?organisationId=o&fileName=a%26b.csv');
  });
});
