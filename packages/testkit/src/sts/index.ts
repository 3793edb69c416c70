export { createStsHandlers, TESTKIT_ACCOUNT_ID } from "./handlers.js";
