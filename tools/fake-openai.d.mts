export interface FakeOpenAI {
  url: string;
  port: number;
  close(): Promise<void>;
}
export function startFakeOpenAI(options?: { port?: number; delayMs?: number }): Promise<FakeOpenAI>;
export function responseWith(json: unknown): unknown;
