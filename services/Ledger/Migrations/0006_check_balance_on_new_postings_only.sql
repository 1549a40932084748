-- The balance check read the entries' postings from the table, through a plan that plpgsql caches per connection:
-- planned while postings was small, it stayed a sequential scan as the table grew, and every settle paid for reading
-- the whole table. Checking the statement's own rows is enough: every statement is checked, so each entry summed to
-- zero before it, and it still does after it exactly when the new lines of that entry sum to zero.
CREATE OR REPLACE FUNCTION postings_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unbalanced bigint;
BEGIN
    SELECT n.entry_id INTO unbalanced
    FROM new_rows n
    GROUP BY n.entry_id
    HAVING sum(n.amount) <> 0
    LIMIT 1;
    IF unbalanced IS NOT NULL THEN
        RAISE EXCEPTION 'journal entry % does not balance: its postings must sum to zero', unbalanced
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$$;
