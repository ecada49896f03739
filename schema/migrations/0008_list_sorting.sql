-- The customer list sorted by last change, and filtered by city, as index ranges.
CREATE INDEX customers_updated ON customers(updated_at, id);
CREATE INDEX customers_city ON customers(city, id);
