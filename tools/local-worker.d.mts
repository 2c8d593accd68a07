import type { ExecFileSyncOptions } from "node:child_process";

/** A JSONC file (comments, trailing commas) as a value. */
export function readJsonc(path: string): any;
export function wrangler(args: string[], options?: ExecFileSyncOptions): string;
export function freshDatabase(dir: string, config?: string, options?: ExecFileSyncOptions): void;
export function sqlite(dir: string, command: string, config?: string): Record<string, unknown>[];
export function isolatedConfigs(
  dir: string,
  configs: string[],
  devVars: Record<string, string>,
  patch?: (config: any) => void,
): string[];
export function configCopy(dir: string, config: string, patch?: (config: any) => void): string;
export function freePort(): Promise<number>;
export interface LocalWorker {
  url: string;
  stop(): Promise<void>;
  /** The process group of wrangler and its workerd (bench:import reads workerd's memory from /proc). */
  processGroup: number;
}
export function startWorker(options: {
  dir: string;
  port: number;
  configs?: string[];
  vars?: Record<string, string>;
  logLevel?: string;
  timeoutMs?: number;
}): Promise<LocalWorker>;
