-- The rights of the role ltc-server connects as (docs/deploy.md): the data,
-- and nothing else. Run as the schema's owner after every `ltc migrate`;
-- running it again changes nothing.
--
--   psql postgresql://ltc_owner@db.internal/ltc -v app=ltc_app -v schema=public -f Examples/deploy/runtime-grants.sql
--
-- The runtime role owns nothing, so it can neither change the schema nor
-- disable a trigger (ALTER TABLE is the owner's); it may not UPDATE, DELETE
-- or TRUNCATE the audit trail, whose triggers refuse those anyway.
\set ON_ERROR_STOP on

GRANT USAGE ON SCHEMA :"schema" TO :"app";
REVOKE CREATE ON SCHEMA :"schema" FROM :"app";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA :"schema" TO :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA :"schema" TO :"app";
REVOKE UPDATE, DELETE, TRUNCATE ON :"schema".events FROM :"app";

-- Tables and sequences a later migration adds (the owner makes them): the same.
ALTER DEFAULT PRIVILEGES IN SCHEMA :"schema" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES IN SCHEMA :"schema" GRANT USAGE, SELECT ON SEQUENCES TO :"app";
