import { useEffect, useRef, type ReactNode } from 'react';

/** The page's title (tab, history, screen readers) and its heading, which takes focus on arrival. */
export function PageHeader({ title, children, crumbs }: { title: string; children?: ReactNode; crumbs?: string[] }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Helpdesk`;
  }, [title]);
  useEffect(() => {
    // After a navigation, start reading (and tabbing) at the new page, not at the old link.
    if (document.activeElement === document.body || document.activeElement?.closest('nav')) {
      heading.current?.focus({ preventScroll: true });
    }
  }, []);
  return (
    <header className="page-header">
      <div>
        {crumbs ? (
          <nav aria-label="Breadcrumb" className="crumbs">
            <ol>
              {crumbs.map((crumb) => (
                <li key={crumb}>{crumb}</li>
              ))}
            </ol>
          </nav>
        ) : null}
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
      </div>
      {children ? <div className="page-actions">{children}</div> : null}
    </header>
  );
}
