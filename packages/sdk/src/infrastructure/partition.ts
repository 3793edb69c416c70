/**
 * The AWS partition of a region, from its code: `us-gov-*` is aws-us-gov, `cn-*` aws-cn, `us-iso-*` aws-iso,
 * `us-isob-*` aws-iso-b, `eusc-*` aws-eusc (European Sovereign Cloud), anything else aws.
 *
 * @example
 * partitionOf("us-gov-west-1"); // "aws-us-gov"
 */
export function partitionOf(region: string): string {
  const code = region.toLowerCase();
  if (code.startsWith("us-gov-")) return "aws-us-gov";
  if (code.startsWith("cn-")) return "aws-cn";
  if (code.startsWith("us-isob-")) return "aws-iso-b";
  if (code.startsWith("us-isof-")) return "aws-iso-f";
  if (code.startsWith("eu-isoe-")) return "aws-iso-e";
  if (code.startsWith("us-iso-")) return "aws-iso";
  if (code.startsWith("eusc-")) return "aws-eusc";
  return "aws";
}
