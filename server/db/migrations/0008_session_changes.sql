-- Each service caches the sessions it has validated (server/auth/session-cache.ts). Whatever ends a
-- session (logout, deletion) or changes or removes its user (role, partner, account) tells every
-- service on this database, at commit, on the channel session_changes: 's:' and the token hash,
-- 'u:' and the user id, or '*' when a whole table is truncated (demo seeding). Triggers, so that no
-- way of changing them (a route, a script, an administrator's SQL) leaves a cached session admitting
-- someone as who they no longer are.
CREATE FUNCTION notify_session_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('session_changes', '*');
  ELSIF TG_TABLE_NAME = 'sessions' THEN
    PERFORM pg_notify('session_changes', 's:' || OLD.token_hash);
  ELSE
    PERFORM pg_notify('session_changes', 'u:' || OLD.id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER sessions_changed AFTER UPDATE OR DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION notify_session_change();
CREATE TRIGGER sessions_truncated AFTER TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION notify_session_change();
CREATE TRIGGER users_changed AFTER UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION notify_session_change();
CREATE TRIGGER users_truncated AFTER TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION notify_session_change();
