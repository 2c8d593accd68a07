import { Route, Switch } from "wouter";
import { ContactDetailsView } from "../mods/contact/views/ContactDetailsView";
import { ContactListView } from "../mods/contact/views/ContactListView";
import { CreateContactView } from "../mods/contact/views/CreateContactView";
import { ApiKeysView } from "./api-keys/ApiKeysView";
import { CreateOrganizationView } from "./auth/CreateOrganizationView";
import { SessionProvider } from "./auth/session";
import { SignInView } from "./auth/SignInView";
import { SignUpView } from "./auth/SignUpView";
import { DashboardView } from "./dashboard/DashboardView";
import { NotFoundView } from "./NotFoundView";
import { SignedIn, SignedOutOnly, WithOrganization } from "./shell/guards";

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
              <Route path="/contacts/:id">{(params) => <ContactDetailsView key={params.id} id={params.id} />}</Route>
              <Route path="/api-keys">
                <ApiKeysView />
              </Route>
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
