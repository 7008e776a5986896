import { useState, type ComponentType, type ReactNode } from 'react';
import { cx } from '../lib/classnames.js';

export interface NavItem {
  label: string;
  href: string;
  active?: boolean;
}

export interface ShellLinkProps {
  href: string;
  className?: string;
  children: ReactNode;
  'aria-current'?: 'page';
  onClick?: () => void;
}

function PlainLink({ href, ...rest }: ShellLinkProps) {
  return <a href={href} {...rest} />;
}

export interface AppShellProps {
  product: string;
  /** Which app this is, e.g. "Admin" or "Portal". */
  area: string;
  homeHref?: string;
  nav: readonly NavItem[];
  /** Rendered in the header after the nav: the organisation switcher. */
  headerExtra?: ReactNode;
  /** A short line under the header, e.g. the local development warning. */
  banner?: ReactNode;
  /** The app's router link, so navigation does not reload the page. */
  linkComponent?: ComponentType<ShellLinkProps>;
  children: ReactNode;
}

/** The page frame: a header with brand, navigation (a menu button on phones) and the app's extras; then the page. */
export function AppShell({ product, area, homeHref = '/', nav, headerExtra, banner, linkComponent: Link = PlainLink, children }: AppShellProps) {
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <div className="mu-shell">
      <a className="mu-skip-link" href="#main">
        Skip to content
      </a>
      <header className="mu-header">
        <div className="mu-header__inner">
          <Link href={homeHref} className="mu-brand">
            <span className="mu-brand__mark" aria-hidden="true">M</span>
            <span className="mu-brand__name">{product}</span>
            <span className="mu-brand__area">{area}</span>
          </Link>
          <button
            type="button"
            className="mu-header__menu"
            aria-expanded={menuOpen}
            aria-controls="mu-primary-nav"
            onClick={() => setMenuOpen((o) => !o)}
          >
            <span className="mu-header__menu-bars" aria-hidden="true" />
            Menu
          </button>
          <div id="mu-primary-nav" className={cx('mu-header__nav', menuOpen && 'mu-header__nav--open')}>
            <nav aria-label="Main">
              <ul className="mu-nav">
                {nav.map((item) => (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      className={cx('mu-nav__link', item.active && 'mu-nav__link--active')}
                      aria-current={item.active ? 'page' : undefined}
                      onClick={() => setMenuOpen(false)}
                    >
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            {headerExtra ? <div className="mu-header__extra">{headerExtra}</div> : null}
          </div>
        </div>
        {banner ? <div className="mu-banner">{banner}</div> : null}
      </header>
      <main id="main" className="mu-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

export function PageHeader({ title, description, actions, breadcrumb }: { title: ReactNode; description?: ReactNode; actions?: ReactNode; breadcrumb?: ReactNode }) {
  return (
    <div className="mu-page-header">
      <div className="mu-page-header__text">
        {breadcrumb ? <div className="mu-breadcrumb">{breadcrumb}</div> : null}
        <h1 className="mu-page-header__title">{title}</h1>
        {description ? <p className="mu-page-header__description">{description}</p> : null}
      </div>
      {actions ? <div className="mu-page-header__actions">{actions}</div> : null}
    </div>
  );
}
