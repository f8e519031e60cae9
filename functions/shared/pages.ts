/**
 * Reading every page of a listing. The SDK's paginators (`paginateDescribeInstances`, ...) do the
 * paging; this gathers the items and turns an SDK failure into the named error the state machine
 * retries, saying which call failed.
 */
import type { DescribeInstancesCommandOutput, Instance } from '@aws-sdk/client-ec2';
import { asStepError } from './errors';

export async function allItems<Page, Item>(
  what: string,
  pages: AsyncIterable<Page>,
  itemsOf: (page: Page) => readonly Item[],
): Promise<Item[]> {
  const items: Item[] = [];
  try {
    for await (const page of pages) items.push(...itemsOf(page));
  } catch (error) {
    throw asStepError(error, what);
  }
  return items;
}

/** The instances of a DescribeInstances page, which groups them by reservation. */
export function instancesOf(page: DescribeInstancesCommandOutput): Instance[] {
  return (page.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []);
}
