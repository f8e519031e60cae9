/** The opt-in tag: the one place that decides whether an instance may be touched. */
import type { Filter, Tag } from '@aws-sdk/client-ec2';

/** EC2 tag filters treat * and ? as wildcards, so an exact-match opt-in key or value must not contain them. */
export const OPT_IN_TAG_TEXT = '1-256 characters without * or ?';
const OPT_IN_TAG_TEXT_PATTERN = /^[^*?]{1,256}$/;

export function isOptInTagText(value: unknown): value is string {
  return typeof value === 'string' && OPT_IN_TAG_TEXT_PATTERN.test(value);
}

export interface OptInTag {
  key: string;
  value: string;
}

/** Server-side narrowing only: EC2 tag filters allow wildcards, so `hasOptInTag` has the last word. */
export function optInTagFilter(tag: OptInTag): Filter {
  return { Name: `tag:${tag.key}`, Values: [tag.value] };
}

/** Exact, case-sensitive match, no trimming: `yes`, `Yes ` and `YES` are not `Yes`. */
export function hasOptInTag(tags: readonly Tag[] | undefined, tag: OptInTag): boolean {
  return (tags ?? []).some((t) => t.Key === tag.key && t.Value === tag.value);
}

export function tagValue(tags: readonly Tag[] | undefined, key: string): string | undefined {
  return (tags ?? []).find((t) => t.Key === key)?.Value;
}
