-- The list filtered by kind and status (a common pair on the list page): an ordered range
-- instead of walking every request of the status (a combination with no rows walked them all).
CREATE INDEX service_requests_kind_status ON service_requests(kind, status, id);
