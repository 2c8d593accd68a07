import { lazy, Suspense } from "react";
import { Route, Switch } from "wouter";
import { ApiKeysView } from "../../mods/api-key/views/ApiKeysView";
import { CallsView } from "../../mods/call/views/CallsView";
import { ContactDetailsView } from "../../mods/contact/views/ContactDetailsView";
import { ContactListView } from "../../mods/contact/views/ContactListView";
import { CreateContactView } from "../../mods/contact/views/CreateContactView";
import { DashboardView } from "../../mods/contact/views/DashboardView";
import { IntegrationsView } from "../../mods/integration/views/IntegrationsView";
import { IntegrationView } from "../../mods/integration/views/IntegrationView";
import { Loading } from "../kit/components/Loading";
import { CreateOrganizationView } from "./CreateOrganizationView";
import { SignedIn, SignedOutOnly, WithOrganization } from "./guards";
import { NotFoundView } from "./NotFoundView";
import { SignInView } from "./SignInView";
import { SignUpView } from "./SignUpView";
import { SessionProvider } from "./session";

/** Import, with papaparse, is a chunk of its own: loaded when it is opened, not with every page. */
const ImportContactsView = lazy(() =>
  import("../../mods/contact/views/ImportContactsView").then((m) => ({ default: m.ImportContactsView })),
);

export function App() {
  return (
    <SessionProvider>
      <Switch>
        <Route path="/signin">
          <SignedOutOnly>
            <SignInView />
          </SignedOutOnly>
        </Route>
        <Route path="/signup">
          <SignedOutOnly>
            <SignUpView />
          </SignedOutOnly>
        </Route>
        <Route path="/orgs/new">
          <SignedIn>
            <CreateOrganizationView />
          </SignedIn>
        </Route>
        <Route>
          <WithOrganization>
            <Switch>
              <Route path="/">
                <DashboardView />
              </Route>
              <Route path="/contacts">
                <ContactListView />
              </Route>
              <Route path="/contacts/new">
                <CreateContactView />
              </Route>
              <Route path="/contacts/import">
                <Suspense fallback={<Loading what="Loading the import…" />}>
                  <ImportContactsView />
                </Suspense>
              </Route>
              <Route path="/contacts/:id">{(params) => <ContactDetailsView key={params.id} id={params.id} />}</Route>
              <Route path="/calls">
                <CallsView />
              </Route>
              <Route path="/api-keys">
                <ApiKeysView />
              </Route>
              <Route path="/integrations">
                <IntegrationsView />
              </Route>
              <Route path="/integrations/:id">{(params) => <IntegrationView key={params.id} id={params.id} />}</Route>
              <Route>
                <NotFoundView />
              </Route>
            </Switch>
          </WithOrganization>
        </Route>
      </Switch>
    </SessionProvider>
  );
}
