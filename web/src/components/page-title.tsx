import { type ReactNode, useEffect, useRef } from 'react';

let firstPage = true;

/**
 * The view's heading and the document title. After a navigation within the UI, focus moves to
 * the heading, so a screen reader announces the new page and Tab starts from its top.
 */
export function PageTitle({ title, children }: { title: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · infratwin`;
  }, [title]);
  useEffect(() => {
    if (firstPage) firstPage = false;
    else heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children ?? title}
    </h1>
  );
}
