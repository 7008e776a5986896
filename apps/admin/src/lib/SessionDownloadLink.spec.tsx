import { renderToStaticMarkup } from 'react-dom/server';
import { ToastProvider } from '@muster/ui';
import { SessionDownloadLink, attachmentName } from './SessionDownloadLink';

describe('SessionDownloadLink', () => {
  it('names the saved file as the API does', () => {
    expect(attachmentName('attachment; filename="members-rejects.csv"', 'x.csv')).toBe('members-rejects.csv');
    expect(attachmentName("attachment; filename=\"a.csv\"; filename*=UTF-8''Si%C3%A2n-rejects.csv", 'x.csv')).toBe('Siân-rejects.csv');
    expect(attachmentName('attachment; filename=plain.csv', 'x.csv')).toBe('plain.csv');
    expect(attachmentName(null, 'x.csv')).toBe('x.csv');
  });

  it('is a real link to the file (so it works without a cookie session, and can be opened or copied)', () => {
    const html = renderToStaticMarkup(
      <ToastProvider>
        <SessionDownloadLink href="/imports/i-1/rejects.csv" fallbackName="rejects.csv" testId="dl">Download</SessionDownloadLink>
      </ToastProvider>,
    );
    expect(html).toContain('<a href="/imports/i-1/rejects.csv" download="" data-testid="dl">Download</a>');
  });
});
