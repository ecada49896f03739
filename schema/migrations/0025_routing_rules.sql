-- Routing rules: the first matching rule (by position) picks the org whose queue a new request
-- lands in; '' conditions match anything. None match: the intake queue.
CREATE TABLE routing_rules (
    id        INTEGER PRIMARY KEY,
    position  INTEGER NOT NULL,
    kind      TEXT    NOT NULL DEFAULT '',
    region    TEXT    NOT NULL DEFAULT '',
    location  TEXT    NOT NULL DEFAULT '',
    org_id    INTEGER NOT NULL REFERENCES orgs(id)
);
