import type { ReactNode } from "react";
import { Link, useLocation } from "wouter";

/** A main navigation link that says (aria-current) and shows which section is open. */
export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const [location] = useLocation();
  const current = href === "/" ? location === "/" : location === href || location.startsWith(`${href}/`);
  return (
    <Link href={href} className="nav-link" aria-current={current ? "page" : undefined}>
      {children}
    </Link>
  );
}
