import type { ServiceHandlers } from "../protocol.js";

/**
 * The account the testkit answers for (moto's default account, so the two agree).
 *
 * @example
 * ```ts
 * (await sts.send(new GetCallerIdentityCommand({}))).Account === TESTKIT_ACCOUNT_ID; // true
 * ```
 */
export const TESTKIT_ACCOUNT_ID = "123456789012";

/**
 * STS as far as a credentials check needs it: `GetCallerIdentity` answers for
 * {@link TESTKIT_ACCOUNT_ID}, as the IAM user `testkit`. Signatures are not checked, so every
 * request is somebody.
 *
 * @example
 * ```ts
 * createStsHandlers().GetCallerIdentity?.({}, { now: new Date() });
 * // { Arn: "arn:aws:iam::123456789012:user/testkit", UserId: "AIDATESTKIT0000000000", Account: "123456789012" }
 * ```
 */
export function createStsHandlers(): ServiceHandlers {
  return {
    GetCallerIdentity: () => ({
      Arn: `arn:aws:iam::${TESTKIT_ACCOUNT_ID}:user/testkit`,
      UserId: "AIDATESTKIT0000000000",
      Account: TESTKIT_ACCOUNT_ID,
    }),
  };
}
