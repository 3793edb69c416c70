import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The AWS SDK warns on every Node 20 run that its future releases need Node 22; aws-atlas supports >=20.19.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
