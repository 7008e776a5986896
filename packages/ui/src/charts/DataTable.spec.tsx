import { renderToStaticMarkup } from 'react-dom/server';
import { DatumTable, SeriesTable } from './DataTable.js';
import { describeData, formatCount, suppressedLabel, total } from './chart-data.js';

const data = [
  { key: 'North', value: 120 },
  { key: 'Islands', value: 0, suppressed: true },
  { key: 'South', value: 80 },
];

describe('suppressed counts', () => {
  it('read as "<threshold" and never carry a number', () => {
    const html = renderToStaticMarkup(<DatumTable id="r" caption="Regions" keyHeader="Region" valueHeader="Members" data={data} showPercent hiddenLabel={suppressedLabel(10)} />);
    expect(html).toContain('data-suppressed="true"');
    expect(html).toContain('&lt;10');
    expect(html).not.toMatch(/data-key="Islands"[^]*?data-value="0"[^]*?data-key="South"/);
    // Shares are of the known counts only; the suppressed row has none.
    expect(html).toContain('60%');
    expect(html).toContain('40%');
  });
  it('print the API total when given, not the sum of the known rows', () => {
    const html = renderToStaticMarkup(<DatumTable id="r" caption="Regions" keyHeader="Region" valueHeader="Members" data={data} totalValue={203} />);
    expect(html).toContain('data-testid="chart-total" data-value="203"');
    expect(total(data)).toBe(200);
  });
  it('are null cells in series tables', () => {
    const html = renderToStaticMarkup(
      <SeriesTable id="m" caption="Months" xHeader="Month" xKey="month" series={[{ key: 'joiners', label: 'Joiners' }]} rows={[{ month: '2026-01', joiners: null }, { month: '2026-02', joiners: 7 }]} />,
    );
    expect(html).toContain('data-series="joiners" data-suppressed="true">&lt;5</td>');
    expect(html).toContain('data-series="joiners" data-value="7">7</td>');
  });
  it('are described in words', () => {
    expect(describeData('Regions', data)).toBe('Regions: North 120, Islands fewer than 5, South 80.');
    expect(formatCount(3, true, '<5')).toBe('<5');
    expect(formatCount(1234, false)).toBe('1,234');
  });
});

describe('drill-down', () => {
  it('turns each row label into a button', () => {
    const html = renderToStaticMarkup(
      <DatumTable id="r" caption="Regions" keyHeader="Region" valueHeader="Members" data={data} onSelect={() => undefined} selectLabel={(d) => `Show only ${d.key}`} />,
    );
    expect(html.match(/data-testid="chart-drill"/g)).toHaveLength(3);
    expect(html).toContain('aria-label="Show only North"');
  });
});
