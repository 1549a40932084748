INSERT INTO accounts (id, owner, balance) VALUES (1, 'platform', 0);
INSERT INTO migration_log (version) VALUES (3);
