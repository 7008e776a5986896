import { renderToStaticMarkup } from 'react-dom/server';
import { Table, nextSort } from './Table.js';
import { DatumTable } from '../charts/DataTable.js';

describe('nextSort', () => {
  it('starts a new column ascending and flips the same column', () => {
    expect(nextSort(undefined, 'LAST_NAME')).toEqual({ field: 'LAST_NAME', direction: 'ASC' });
    expect(nextSort({ field: 'LAST_NAME', direction: 'ASC' }, 'LAST_NAME')).toEqual({ field: 'LAST_NAME', direction: 'DESC' });
    expect(nextSort({ field: 'LAST_NAME', direction: 'DESC' }, 'JOINED_ON')).toEqual({ field: 'JOINED_ON', direction: 'ASC' });
  });
});

describe('Table', () => {
  it('labels every cell for the small-screen card layout and marks the sorted column', () => {
    const html = renderToStaticMarkup(
      <Table
        caption="Members"
        columns={[
          { key: 'name', header: 'Name', render: (r: { n: string }) => r.n, sortField: 'LAST_NAME' },
          { key: 'x', header: 'Region', render: () => 'London' },
        ]}
        rows={[{ n: 'Ada' }]}
        rowKey={(r) => r.n}
        sort={{ field: 'LAST_NAME', direction: 'DESC' }}
        onSort={() => undefined}
      />,
    );
    expect(html).toContain('data-label="Name"');
    expect(html).toContain('data-label="Region"');
    expect(html).toContain('aria-sort="descending"');
  });
});

describe('DatumTable', () => {
  it('exposes raw values and a total for tests and screen readers', () => {
    const html = renderToStaticMarkup(
      <DatumTable id="s" caption="By status" keyHeader="Status" valueHeader="Members" data={[{ key: 'ACTIVE', value: 1500 }, { key: 'LEFT', value: 500 }]} showPercent />,
    );
    expect(html).toContain('data-key="ACTIVE"');
    expect(html).toContain('data-value="1500"');
    expect(html).toContain('data-testid="chart-total" data-value="2000"');
    expect(html).toContain('75%');
  });
});
