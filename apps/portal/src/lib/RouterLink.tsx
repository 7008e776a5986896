import { Link } from 'react-router-dom';
import type { ShellLinkProps } from '@muster/ui';

/** @muster/ui knows no router; this hands it ours so navigation stays in the page. */
export function RouterLink({ href, ...rest }: ShellLinkProps) {
  return <Link to={href} {...rest} />;
}
