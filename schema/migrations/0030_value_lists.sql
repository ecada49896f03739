-- The at-risk list reads the measured customers in value order and stops at a page: an index on
-- 365-day freight (then id) walked from the top, each row's stage checked, instead of sorting
-- every at-risk customer per request.
CREATE INDEX customer_values_freight ON customer_values(freight_365 DESC, customer_id);

-- A new customer is measured at the next run, so it has its row (and shows on the lists that read
-- the measures) within minutes rather than after the nightly pass.
CREATE TRIGGER customers_value_dirty_insert AFTER INSERT ON customers
BEGIN
    INSERT INTO value_dirty (customer_id, at) VALUES (NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    ON CONFLICT (customer_id) DO UPDATE SET at = excluded.at;
END;
