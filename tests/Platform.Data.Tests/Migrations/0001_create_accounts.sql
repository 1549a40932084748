-- Every test migration logs itself, so the tests can count how often each one ran.
CREATE TABLE migration_log (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, version integer NOT NULL);
CREATE TABLE accounts (id bigint PRIMARY KEY, owner text NOT NULL);
INSERT INTO migration_log (version) VALUES (1);
