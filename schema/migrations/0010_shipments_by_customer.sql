-- A customer's shipments newest first (its timeline), as one index range.
CREATE INDEX shipments_customer_created ON shipments(customer_id, created_at, id);
