-- Every change to a table the public pages show sends one notice on the
-- channel `village_published`, delivered when the transaction commits (and
-- never for one rolled back; PostgreSQL folds a transaction's identical
-- notices into one). Every server listens and re-reads its published copy,
-- so a write through one instance shows on all of them at once.
CREATE FUNCTION village_published_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('village_published', '');
    RETURN NULL;
END;
$$;

DO $$
DECLARE
    published text;
BEGIN
    FOREACH published IN ARRAY ARRAY[
        'areas', 'school_years', 'term_breaks', 'bank_holidays',
        'peer_groups', 'schedules', 'group_exceptions',
        'organisations', 'venues',
        'services', 'service_areas', 'service_phones'
    ] LOOP
        EXECUTE format(
            'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
            'FOR EACH STATEMENT EXECUTE FUNCTION village_published_changed()',
            published || '_published', published);
    END LOOP;
END;
$$;
