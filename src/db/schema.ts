export * from "./auth-schema";
export * from "./contact-schema";
export * from "./api-key-schema";
export * from "./call-schema";
