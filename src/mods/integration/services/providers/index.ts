import { elevenlabs } from "./elevenlabs";
import type { Provider, ProviderName } from "./provider";
import { retell } from "./retell";
import { telnyx } from "./telnyx";
import { twilio } from "./twilio";
import { vapi } from "./vapi";

/** Every provider's adapter, by the name in its webhook URLs (`/hooks/{provider}/{id}`). */
export const providers: Record<ProviderName, Provider> = { twilio, retell, vapi, elevenlabs, telnyx };
