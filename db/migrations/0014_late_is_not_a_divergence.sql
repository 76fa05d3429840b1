-- SPEC §5: a late order, or an invoice the channel's rule holds for the shipment, agrees with the marketplace and
-- is not a divergence; the "stuck" kind is gone. Its rows are deleted rather than resolved: they never were
-- divergences, so no resolution (nor "resolved by support") would be true of them, and a resolved row of a kind
-- the hub no longer knows would have nothing to be shown as. The timeline keeps what it said when each was
-- opened (it is append-only); the order's deadline now says it, on the board and the order page.
DELETE FROM `divergences` WHERE `kind` = 'stuck';
