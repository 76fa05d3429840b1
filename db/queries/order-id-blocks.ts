import type { Db } from "../client";
import { preparedOnce } from "../prepared";
import { ORDER_ID_BLOCK_BITS } from "../schema";

/**
 * At least the newest placed_at of any order whose id is below `id` (see `orderIdBlocks`). Without a row for
 * those ids it answers +∞, so a missing row can only make the name search read more, never leave an order out.
 */
export function newestPlacedBelow(db: Db, id: number): number {
  const statement = preparedOnce(db, "orderIdBlocks.newestBelow", () =>
    db.$client
      .prepare<[number], number | null>(
        "SELECT newest_placed_at FROM order_id_blocks WHERE block <= ? ORDER BY block DESC LIMIT 1",
      )
      .pluck(),
  );
  // Division, not >>: JavaScript shifts in 32 bits and ids need not fit.
  return statement.get(Math.floor((id - 1) / 2 ** ORDER_ID_BLOCK_BITS)) ?? Number.POSITIVE_INFINITY;
}

/**
 * Recomputes every block from the orders. The triggers only ever raise a block, so one order dated far ahead
 * (a marketplace sending local time as UTC), once corrected, would keep the name search from settling early;
 * the worker rebuilds hourly (under half a second at a million orders) and the seed after a bulk load.
 */
export function rebuildOrderIdBlocks(db: Db): void {
  db.$client.transaction(() => {
    db.$client.exec(`
      DELETE FROM order_id_blocks;
      INSERT INTO order_id_blocks (block, newest_placed_at)
        SELECT block, max(newest) OVER (ORDER BY block ROWS UNBOUNDED PRECEDING)
        FROM (SELECT id >> ${ORDER_ID_BLOCK_BITS} AS block, max(placed_at) AS newest FROM orders GROUP BY 1) AS blocks;
    `);
  })();
}
