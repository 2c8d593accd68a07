import { bodyLimit } from "hono/body-limit";
import { ApiError } from "./errors";

/** Refuses a body over `maxSize` bytes with the contract's 413, before it is read. */
export const limitBody = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError("payload_too_large", `request body over ${maxSize / 1024} KiB`);
    },
  });

/** The limit of every JSON route but those that say otherwise (a transcription's is larger). */
export const defaultBodyLimit = limitBody(64 * 1024);
