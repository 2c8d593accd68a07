import type { ReactNode } from "react";

/** The pages before the app: a centred card under the product's name. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="auth-layout">
      <p className="brand brand--large">
        <span className="brand__mark" aria-hidden="true" />
        Caller identity
      </p>
      <main className="auth-card" id="main">
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}
