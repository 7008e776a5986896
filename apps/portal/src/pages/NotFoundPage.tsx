import { Link } from 'react-router-dom';
import { EmptyState, buttonClass } from '@muster/ui';

export function NotFoundPage() {
  return (
    <EmptyState title="Page not found" action={<Link className={buttonClass('primary')} to="/">Go to the dashboard</Link>}>
      The address may be mistyped, or the page may have moved.
    </EmptyState>
  );
}
