-- Every change of prices, multipliers or the off-peak schedule is a new version holding the whole catalog;
-- the highest version is current, older ones stay for audit (usage records name the version they used).
CREATE TABLE price_catalog_versions (
    version integer PRIMARY KEY CHECK (version > 0),
    catalog jsonb NOT NULL,
    changed_by text NOT NULL,
    reason text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
