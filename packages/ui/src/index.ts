// @muster/ui: the one component library and the one chart library for admin and portal.
// It owns presentation only: it must never fetch data, know GraphQL, or depend on a router.
export { Button, buttonClass, type ButtonProps, type ButtonVariant, type ButtonSize } from './components/Button.js';
export { TextField, DateField, SelectField, TextAreaField, type SelectOption, type TextFieldProps, type SelectFieldProps } from './components/Field.js';
export { Badge, type Tone } from './components/Badge.js';
export { Card, StatCard, DescriptionList, type CardProps } from './components/Card.js';
export { EmptyState, ErrorState, LoadingState, Skeleton, Spinner } from './components/States.js';
export { Table, nextSort, type Column, type TableSort, type SortDirection, type TableProps } from './components/Table.js';
export { Pagination, type PaginationProps } from './components/Pagination.js';
export { FilterBar, FilterChip, SearchField } from './components/FilterBar.js';
export { ToastProvider, useToast, Callout, type Notice } from './components/Toast.js';
export { AccountMenu } from './components/AccountMenu.js';
export { SecretReveal } from './components/SecretReveal.js';
export { ConfirmDialog, type ConfirmDialogProps } from './components/ConfirmDialog.js';
export { AppShell, PageHeader, type AppShellProps, type NavItem, type ShellLinkProps } from './layout/AppShell.js';
export { BarChart, type BarChartProps } from './charts/BarChart.js';
export { DonutChart, type DonutChartProps } from './charts/DonutChart.js';
export { TimeSeriesChart, type TimeSeriesChartProps } from './charts/TimeSeriesChart.js';
export { ChartFrame } from './charts/ChartFrame.js';
export { DatumTable, SeriesTable } from './charts/DataTable.js';
export {
  CHART_COLOURS, colourAt, describeData, describeSeries, formatCount, suppressedLabel, total, wholePercentages, type Datum, type Series, type SeriesRow,
} from './charts/chart-data.js';
export { formatDate, formatDateTime, formatMonth, formatNumber, formatPercent, humanise, pluralise } from './lib/format.js';
export { toApiProblem, type ApiProblem, type FieldProblem } from './lib/problem.js';
export { cx } from './lib/classnames.js';
