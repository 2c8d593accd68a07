import { ApiFailure, type Issue } from "./errors";

/*
 * What people read when a request fails: the API's error codes and issue messages (written for
 * programmers: "phones.1.phone_number: not a phone number") said for the person at the screen.
 * Every screen that shows an API error goes through here, so no raw API message reaches anyone.
 */

/** What an issue's path names, for words that fit it ("this number", "this address"). */
type Subject = "phone" | "email" | "name" | "label" | "secret" | "other";

const subjects: Record<string, Subject> = {
  phone_number: "phone",
  phones: "phone",
  email: "email",
  emails: "email",
  first_name: "name",
  last_name: "name",
  name: "name",
  label: "label",
  secret: "secret",
  webhook_secret: "secret",
};

/** The innermost part of the path that says what it is: ["phones", 1, "is_preferred"] is a phone's. */
function subjectOf(path: Issue["path"]): Subject {
  for (const part of [...path].reverse()) if (typeof part === "string" && subjects[part]) return subjects[part];
  return "other";
}

const required: Record<Subject, string> = {
  phone: "Enter a phone number.",
  email: "Enter an email address.",
  name: "Enter a name.",
  label: "Enter a label, or leave it out.",
  secret: "Paste it here from the platform's console.",
  other: "Fill this in.",
};

/** For messages of the app's own making (an unknown field, a wrong type): nothing the person can fix here. */
const APP_FAULT = "The app sent something the server does not accept. Reload the page and try again.";

/** The API's issue messages, matched in order; the first that matches says it for people. */
const issueRules: [RegExp, (match: RegExpMatchArray, subject: Subject) => string][] = [
  [
    /^not a phone number$/,
    () => "This doesn't look like a phone number. Include the area code, or the country code for numbers abroad.",
  ],
  [/^not an email address$/, () => "This doesn't look like an email address. It should look like name@example.com."],
  [/^required\b/, (_, subject) => required[subject]],
  [/^at most (\d+) characters$/, ([, max]) => `This is too long: use at most ${max} characters.`],
  [/^control characters are not allowed$/, () => "Remove the line breaks, tabs or other invisible characters."],
  [
    /^listed twice$/,
    (_, subject) =>
      subject === "phone"
        ? "This number is already in the form. Remove one of them."
        : subject === "email"
          ? "This address is already in the form. Remove one of them."
          : "This is already in the form.",
  ],
  [
    /^only one can be preferred$/,
    (_, subject) =>
      `Choose one preferred ${subject === "email" ? "email address" : subject === "phone" ? "phone number" : "entry"}.`,
  ],
  [
    /^already belongs to a contact$/,
    (_, subject) =>
      subject === "email"
        ? "Another contact already has this email address."
        : "Another contact already has this number.",
  ],
  [
    /^give at least a name, a phone or an email$/,
    () => "Enter a name, a phone number or an email address: a contact needs at least one of them.",
  ],
  [/^give first_name or last_name$/, () => "Enter a first or a last name."],
  [/^give .+ or .+$/, () => "Nothing to save: change something first."],
  [
    /^(?:a contact holds )?at most (\d+) (phones|emails)$/,
    ([, max, kind]) => `A contact can have at most ${max} ${kind === "phones" ? "phone numbers" : "email addresses"}.`,
  ],
  [
    /^the only (phone|email) of a contact stays preferred$/,
    ([, kind]) =>
      `A contact's only ${kind === "phone" ? "phone number" : "email address"} is always its preferred one.`,
  ],
  [/^a contact cannot be merged into itself$/, () => "A contact can't be merged into itself."],
  [/^not an id$/, () => "This address doesn't lead to anything. Check the link."],
  [/^not a cursor from this API$/, () => "This list is out of date. Go back to its first page."],
  [/^no rows to import$/, () => "There are no rows to import."],
  [/^not a setting of (\w+)$/, ([, provider]) => `${provider} has no such setting: remove it.`],
  [
    /^give exactly one of stream_url/,
    () => "Give either a stream URL (wss://…) or a redirect URL (https://…), one of the two.",
  ],
  [/^a wss:\/\/ URL$/, () => "Enter a URL that starts with wss://."],
  [/^an https:\/\/ URL$/, () => "Enter a URL that starts with https://."],
  [/^required: the assistant Vapi should run$/, () => "Enter the ID of the Vapi assistant that answers the calls."],
  [
    /^the Ed25519 public key as Telnyx shows it/,
    () => "This isn't a Telnyx public key. Copy it exactly as the Telnyx portal shows it.",
  ],
  [
    /^(\w+) has no second webhook secret$/,
    ([, provider]) => `${provider} has no second webhook secret: leave it empty.`,
  ],
  [/^(unknown field|malformed JSON|Invalid input\b|this route takes no body)/, () => APP_FAULT],
];

/** An issue of the API, said for people. */
export function issueMessage(issue: Issue): string {
  for (const [pattern, say] of issueRules) {
    const match = pattern.exec(issue.message);
    if (match) return say(match, subjectOf(issue.path));
  }
  // A message this list does not know yet: readable as a sentence, never with its field's code name.
  return `${issue.message.charAt(0).toUpperCase()}${issue.message.slice(1)}.`;
}

const notFound: Record<string, string> = {
  contact: "This contact no longer exists: it may have been deleted, or merged into another.",
  phone: "This phone number is no longer on the contact: it may have been removed.",
  email: "This email address is no longer on the contact: it may have been removed.",
  integration: "This integration no longer exists: it may have been deleted.",
  call: "This call no longer exists.",
};

/** The reference people give when they tell us about a failure: the answer's request id. */
const internal = (failure: ApiFailure) =>
  failure.requestId
    ? `Something went wrong on our side. Try again; if it keeps happening, tell us the reference ${failure.requestId}.`
    : "Something went wrong on our side. Try again; if it keeps happening, tell us.";

/** What a failure of the contract's codes means for the person who met it. */
function failureSentence(failure: ApiFailure): string {
  switch (failure.code) {
    case "validation_failed": {
      const said = [...new Set(failure.issues.map(issueMessage))];
      return said.length ? said.join(" ") : APP_FAULT;
    }
    case "unauthenticated":
      return "You're signed out. Sign in again to go on.";
    case "no_active_organization":
      return "Choose an organization to work in first.";
    case "forbidden":
      return "You don't have permission to do this. An owner or admin of the organization can.";
    case "not_found":
      return notFound[/^(\w+) not found$/.exec(failure.message)?.[1] ?? ""] ?? "This no longer exists.";
    case "conflict":
      return failure.message.startsWith("email")
        ? "Another contact already has this email address."
        : "Another contact already has this number.";
    case "payload_too_large":
      return "That is too much to send at once. Send less at a time, or a smaller file.";
    case "rate_limited":
      return failure.retryAfterSeconds
        ? `Too many requests just now. Wait ${failure.retryAfterSeconds} seconds and try again.`
        : "Too many requests just now. Wait a moment and try again.";
    case "unsupported_media_type":
    case "internal":
      return internal(failure);
  }
  // Not the contract's: better-auth's answers (sign-in, sign-up), written for people already.
  if (failure.status >= 500 || failure.status === 0) return internal(failure);
  return failure.message;
}

/** A sentence for any error a request can end with. */
export function messageOf(error: unknown): string {
  if (typeof error === "string") return error;
  if (error instanceof ApiFailure) return failureSentence(error);
  if (error instanceof TypeError) return "Could not reach the server. Check your connection and try again.";
  return "Something went wrong. Try again.";
}

/**
 * A page's resource is not there: a 404, or an id in the address that is no id at all (the API's
 * 400 "id: not an id"), which is the same to the person who followed the link.
 */
export function isNotFound(error: unknown): boolean {
  if (!(error instanceof ApiFailure)) return false;
  if (error.status === 404) return true;
  return (
    error.code === "validation_failed" &&
    error.issues.length > 0 &&
    error.issues.every((issue) => issue.message === "not an id")
  );
}

/**
 * An error's messages for people, per form field (`fieldOf` maps an issue's path to a field, or
 * undefined) and for the whole form: the issues no field claims, or the failure itself. Each field
 * gets its first issue.
 */
export function errorsByField<F extends string>(error: unknown, fieldOf: (path: Issue["path"]) => F | undefined) {
  const fields: Partial<Record<F, string>> = {};
  const form: string[] = [];
  if (error instanceof ApiFailure && error.issues.length) {
    for (const issue of error.issues) {
      const field = fieldOf(issue.path);
      if (field) fields[field] ??= issueMessage(issue);
      else form.push(issueMessage(issue));
    }
  } else if (error) {
    form.push(messageOf(error));
  }
  return { fields, form: form.length ? [...new Set(form)].join(" ") : undefined };
}
