export interface WebhookSigner {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  close(): Promise<void>;
}
export function startWebhookSigner(options?: { port?: number }): Promise<WebhookSigner>;
