// The import screens' building blocks rendered to HTML: what a screen reader and the e2e tests rely on is there.
import { renderToStaticMarkup } from 'react-dom/server';
import { ToastProvider } from '@muster/ui';
import type { ImportColumn, MemberImport } from '../graphql/import.graphql';
import { ImportMappingEditor } from './ImportMappingEditor';
import { ImportOptions } from './ImportOptions';
import { ImportProgressPanel } from './ImportProgressPanel';
import { ImportCountsGrid, ImportSamples, share } from './ImportCounts';
import { ImportReport } from './ImportReport';
import { ImportDropZone } from './ImportDropZone';
import { ImportFileSummary } from './ImportFileSummary';
import { ProgressBar } from '../../../lib/ProgressBar';

const columns: ImportColumn[] = [
  { index: 0, header: 'Mem No', samples: ['M1', 'M2'], field: 'MEMBERSHIP_NUMBER', suggested: 'MEMBERSHIP_NUMBER' },
  { index: 1, header: 'Forename', samples: ['Siân', ''], field: 'FIRST_NAME', suggested: 'FIRST_NAME' },
  { index: 2, header: 'Notes', samples: ['x', 'y'], field: 'IGNORE', suggested: 'IGNORE' },
];

const counts = { total: 1000, done: 400, created: 300, updated: 80, unchanged: 10, rejected: 10 };

const memberImport: MemberImport = {
  id: 'imp-1', organisationId: 'org-1', fileName: 'members.csv', byteSize: 2_500_000, encoding: 'windows-1252', delimiter: ';', hasHeader: true,
  status: 'COMPLETED', columns, matchOrder: ['MEMBERSHIP_NUMBER', 'EMAIL', 'MOBILE'], keepExisting: [], dryRun: null, dryRunSamples: [],
  progress: { ...counts, done: 1000, created: 900, updated: 80 }, rowsPerSecond: 5000, secondsLeft: 0, startedAt: '2026-11-26T10:00:00.000Z',
  finishedAt: '2026-11-26T10:00:12.000Z', durationSeconds: 12, createdBy: 'organiser@northpoint.example', createdAt: '2026-11-26T09:59:00.000Z', error: null,
  rejectsUrl: '/imports/imp-1/rejects.csv',
};

describe('ImportMappingEditor', () => {
  it('labels one select per column with its header, shows the first values, and marks suggestions', () => {
    const html = renderToStaticMarkup(<ImportMappingEditor columns={columns} fields={['MEMBERSHIP_NUMBER', 'LAST_NAME', 'IGNORE']} onChange={() => undefined} />);
    expect(html.match(/data-testid="mapping-select"/g)).toHaveLength(3);
    expect(html).toContain('<label for="mapping-0" class="admin-mapping__header">Mem No</label>');
    expect(html).toContain('id="mapping-0"');
    expect(html).toContain('Siân');
    expect(html).toContain('(blank)');
    // Column 0 is on its suggestion; column 1 moved away from it and is offered it back; column 2 had none.
    expect(html).toMatch(/data-header="Mem No" data-field="MEMBERSHIP_NUMBER" data-suggested="MEMBERSHIP_NUMBER"/);
    expect(html).toContain('admin-mapping__row--suggested');
    expect(html).toContain('Use suggestion: First name');
    expect(html.match(/Use suggestion/g)).toHaveLength(1);
    expect(html).toContain('Membership number (suggested)');
  });

  it('warns when two columns would fill the same field', () => {
    const html = renderToStaticMarkup(<ImportMappingEditor columns={columns} fields={['EMAIL', 'EMAIL', 'IGNORE']} onChange={() => undefined} />);
    expect(html).toContain('Two columns go to the same field');
  });
});

describe('ImportOptions', () => {
  it('lists the match keys in order with move buttons and the unused ones, and a "don’t overwrite" box per mapped field', () => {
    const html = renderToStaticMarkup(
      <ImportOptions matchOrder={['EMAIL', 'MEMBERSHIP_NUMBER']} keepExisting={['POSTCODE']} fields={['MEMBERSHIP_NUMBER', 'EMAIL', 'POSTCODE', 'IGNORE']} onChange={() => undefined} />,
    );
    expect(html.indexOf('1. Email address')).toBeLessThan(html.indexOf('2. Membership number'));
    expect(html).toContain('Mobile number (not used)');
    expect(html).toContain('aria-label="Try Email address later"');
    expect(html).toContain('data-testid="keep-existing-EMAIL"');
    expect(html).toContain('data-testid="keep-existing-POSTCODE" checked=""');
    expect(html).not.toContain('data-testid="keep-existing-EMAIL" checked=""');
    expect(html).not.toContain('keep-existing-MEMBERSHIP_NUMBER');
  });
});

describe('ImportProgressPanel', () => {
  it('is an announced progress bar with rows done, speed, rejects and time left, and a cancel button', () => {
    const html = renderToStaticMarkup(
      <ImportProgressPanel memberImport={{ status: 'RUNNING', progress: counts, rowsPerSecond: 12_345, secondsLeft: 49 }} dryRun={false} onCancel={() => undefined} />,
    );
    expect(html).toContain('role="progressbar"');
    expect(html).toContain('aria-valuenow="400"');
    expect(html).toContain('aria-valuemax="1000"');
    expect(html).toContain('aria-valuetext="400 of 1,000 rows"');
    expect(html).toContain('Importing: 40%');
    expect(html).toContain('12,345 rows/s');
    expect(html).toContain('data-testid="progress-rejected" data-value="10"');
    expect(html).toContain('About 49 s');
    expect(html).toContain('data-testid="cancel-import"');
  });

  it('is indeterminate while queued and says so', () => {
    const html = renderToStaticMarkup(
      <ImportProgressPanel memberImport={{ status: 'DRY_RUN_QUEUED', progress: { ...counts, total: 0, done: 0 }, rowsPerSecond: null, secondsLeft: null }} dryRun />,
    );
    expect(html).toContain('Dry run queued');
    expect(html).not.toContain('aria-valuenow');
    expect(html).toContain('admin-progress__track--indeterminate');
    expect(html).not.toContain('cancel-import');
  });
});

describe('ImportCountsGrid and ImportSamples', () => {
  it('shows each outcome with its raw value', () => {
    const html = renderToStaticMarkup(<ImportCountsGrid counts={counts} testId="dry-run-counts" future />);
    expect(html).toContain('data-testid="dry-run-counts-created" data-value="300"');
    expect(html).toContain('data-testid="dry-run-counts-rejected" data-value="10"');
    expect(html).toContain('Would be rejected');
  });

  it('never rounds a few rows of many to 0% or 100%', () => {
    expect([share(0, 1000), share(3, 1000), share(10, 1000), share(999, 1000), share(1000, 1000)]).toEqual(['0%', '<1%', '1%', '>99%', '100%']);
  });

  it('groups the sample rows by outcome with the reasons for rejects', () => {
    const html = renderToStaticMarkup(
      <ImportSamples
        samples={[
          { rowNumber: 2, outcome: 'CREATED', summary: 'Ada Lovelace', reasons: ['Phone “x” was not imported'] },
          { rowNumber: 7, outcome: 'REJECTED', summary: 'xyz', reasons: ['No name and no email, phone or membership number'] },
        ]}
      />,
    );
    expect(html).toContain('data-testid="samples-CREATED"');
    expect(html).toContain('data-testid="samples-REJECTED"');
    expect(html).not.toContain('samples-UPDATED');
    expect(html).toContain('No name and no email, phone or membership number');
    // A kept row's notes are warnings, a rejected row's are the reasons.
    expect(html).toContain('<ul class="admin-samples__reasons admin-samples__reasons--warning" aria-label="Warnings"><li>Phone “x” was not imported</li>');
    expect(html).toContain('<ul class="admin-samples__reasons" aria-label="Why"><li>No name');
  });
});

describe('ImportReport', () => {
  it('reports counts, duration, who ran it and the rejects download', () => {
    const html = renderToStaticMarkup(<ToastProvider><ImportReport memberImport={memberImport} /></ToastProvider>);
    expect(html).toContain('data-testid="report-counts-created" data-value="900"');
    expect(html).toContain('organiser@northpoint.example');
    expect(html).toContain('12 s');
    expect(html).toContain('href="/imports/imp-1/rejects.csv"');
    expect(html).toContain('Windows-1252');
  });

  it('says why a failed import failed', () => {
    const html = renderToStaticMarkup(<ToastProvider><ImportReport memberImport={{ ...memberImport, status: 'FAILED', error: 'The database went away' }} /></ToastProvider>);
    expect(html).toContain('The import failed');
    expect(html).toContain('The database went away');
  });
});

describe('ImportDropZone and ImportFileSummary', () => {
  it('offers a labelled, keyboard-reachable file input that takes CSVs', () => {
    const html = renderToStaticMarkup(<ImportDropZone onFile={() => undefined} />);
    expect(html).toMatch(/<label class="mu-btn mu-btn--primary admin-drop__button" for="([^"]+)">Choose a file…<\/label>/);
    const id = /for="([^"]+)"/.exec(html)![1];
    expect(html).toContain(`id="${id}"`);
    expect(html).toContain('type="file"');
    expect(html).toContain('accept=".csv');
  });

  it('shows what was detected and the first rows', () => {
    const html = renderToStaticMarkup(<ImportFileSummary memberImport={memberImport} />);
    expect(html).toContain('data-testid="detected-delimiter" data-value=";"');
    expect(html).toContain('Semicolon');
    expect(html).toContain('data-testid="detected-header" data-value="true"');
    expect(html.match(/data-testid="preview-row"/g)).toHaveLength(2);
  });
});

describe('ProgressBar', () => {
  it('clamps the fill and exposes its value', () => {
    const html = renderToStaticMarkup(<ProgressBar label="Uploading" value={150} max={100} testId="p" />);
    expect(html).toContain('width:100%');
    expect(html).toContain('aria-labelledby="p-label"');
  });
});
