import { useParams } from 'react-router-dom';
import {
  BarChart, Button, Card, DonutChart, EmptyState, ErrorState, LoadingState, PageHeader, Skeleton, StatCard, TimeSeriesChart,
  formatMonth, formatNumber, toApiProblem,
} from '@muster/ui';
import { useDashboard } from '../modules/insights/hooks/useDashboard';
import { STATUS_COLOURS, countOf, movementRows, rankedData, recentMovement, statusData } from '../modules/insights/lib/dashboard-data';

function DashboardSkeleton() {
  return (
    <LoadingState label="Loading the dashboard…">
      <div className="mu-grid">
        {Array.from({ length: 4 }, (_, i) => (
          <div className="mu-card mu-stat mu-span-3" key={i}>
            <Skeleton width="50%" />
            <div style={{ height: 10 }} />
            <Skeleton width="70%" height="2rem" />
          </div>
        ))}
        <div className="mu-card mu-span-4 portal-skeleton-chart"><Skeleton height="100%" /></div>
        <div className="mu-card mu-span-8 portal-skeleton-chart"><Skeleton height="100%" /></div>
      </div>
    </LoadingState>
  );
}

export function DashboardPage() {
  const { orgId = '' } = useParams();
  const { data, loading, error, refetch } = useDashboard(orgId);

  if (error && !data) {
    const problem = toApiProblem(error);
    return (
      <ErrorState
        title={problem.code === 'NOT_FOUND' ? 'This organisation does not exist, or you cannot see it' : 'Could not load the dashboard'}
        problem={problem}
        onRetry={problem.code === 'NOT_FOUND' ? undefined : () => void refetch()}
      />
    );
  }
  if (loading || !data) return <DashboardSkeleton />;

  const { insights, organisation } = data;
  const status = statusData(insights.byStatus);
  const regions = rankedData(insights.byRegion);
  const issues = rankedData(insights.topIssues);
  const months = insights.joinersLeaversByMonth;
  const recent = recentMovement(months, 12);
  const range = months.length ? `${formatMonth(months[0].month)} to ${formatMonth(months[months.length - 1].month)}` : '';

  return (
    <>
      <PageHeader
        title={<span data-testid="org-name">{organisation.name}</span>}
        description="Your membership at a glance. Figures are live from the membership record."
        actions={<Button className="mu-no-print" onClick={() => window.print()}>Print</Button>}
      />
      {insights.totalMembers === 0 ? (
        <EmptyState title="No members yet">Once members are added or imported, the dashboard fills in here.</EmptyState>
      ) : (
        <div className="mu-grid">
          <div className="mu-span-3"><StatCard testId="stat-total" label="Members on record" value={<span data-value={insights.totalMembers}>{formatNumber(insights.totalMembers)}</span>} detail="All statuses" /></div>
          <div className="mu-span-3"><StatCard testId="stat-active" label="Active members" value={<span data-value={countOf(insights.byStatus, 'ACTIVE')}>{formatNumber(countOf(insights.byStatus, 'ACTIVE'))}</span>} detail="Paying or in good standing" /></div>
          <div className="mu-span-3"><StatCard testId="stat-joiners" label="Joined, last 12 months" value={<span data-value={recent.joiners}>{formatNumber(recent.joiners)}</span>} detail={`${formatNumber(recent.leavers)} left in the same months`} /></div>
          <div className="mu-span-3"><StatCard testId="stat-net" label="Net change, last 12 months" value={<span data-value={recent.net} className={recent.net < 0 ? 'portal-negative' : 'portal-positive'}>{recent.net > 0 ? '+' : ''}{formatNumber(recent.net)}</span>} detail="Joiners minus leavers" /></div>

          <Card className="mu-span-4">
            <DonutChart id="by-status" title="Members by status" titleText="Members by status" data={status} keyHeader="Status" valueHeader="Members" colours={STATUS_COLOURS} centreLabel="members" />
          </Card>
          <Card className="mu-span-8">
            <BarChart id="by-region" title="Members by region" titleText="Members by region" data={regions} keyHeader="Region" valueHeader="Members" showPercent />
          </Card>
          <Card className="mu-span-12">
            <TimeSeriesChart
              id="joiners-leavers"
              title="Joiners and leavers by month"
              titleText="Joiners and leavers by month"
              description={range}
              rows={movementRows(months)}
              xKey="month"
              kind="bars"
              series={[{ key: 'joiners', label: 'Joiners', color: '#3147c4' }, { key: 'leavers', label: 'Leavers', color: '#d97706' }]}
              lineSeries={{ key: 'net', label: 'Net', color: '#0f8a7e' }}
            />
          </Card>
          <Card className="mu-span-12">
            <BarChart id="top-issues" title="Top issues" titleText="Top issues members care about" description="How many members named each issue as one that matters to them" data={issues} keyHeader="Issue" valueHeader="Members" colour="#7c4dcc" showTotal={false} />
          </Card>
        </div>
      )}
    </>
  );
}
