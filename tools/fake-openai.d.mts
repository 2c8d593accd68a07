export interface FakeOpenAI {
  url: string;
  port: number;
  /** The port asked for when it was busy and `orFreePort` took another; else null. */
  busyPort: number | null;
  /** Every Responses API request received: its headers, body and when (epoch ms). */
  requests: { headers: Record<string, unknown>; body: unknown; receivedAt: number }[];
  close(): Promise<void>;
}
export function startFakeOpenAI(options?: {
  port?: number;
  delayMs?: number;
  orFreePort?: boolean;
}): Promise<FakeOpenAI>;
export function responseWith(json: unknown): unknown;
