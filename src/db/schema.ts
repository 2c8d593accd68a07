export * from "./api-key-schema";
export * from "./auth-schema";
export * from "./call-schema";
export * from "./contact-schema";
export * from "./integration-schema";
