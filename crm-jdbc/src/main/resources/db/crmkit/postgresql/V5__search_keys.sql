-- crmkit schema, version 5, for PostgreSQL 14+: search by word prefix (spec 2.10) on an index of each
-- customer's search keys instead of a trigram index of its search text.
-- search_keys holds the keys (SearchKeys: words, e-mail parts, phone forms) as a tsvector, each key
-- behind a four-character tag of the tenant, so that a prefix query reads only the tenant's posting
-- lists of its GIN index. The adapter fills it for rows stored before this version when it starts
-- (JdbcStorage.build), in batches, before it serves any search.
-- The trigram index cost about half of an import's write work and matched inside words.

DROP INDEX crm_customer_search;
ALTER TABLE crm_customer DROP COLUMN search_text;
ALTER TABLE crm_customer ADD COLUMN search_keys tsvector;
CREATE INDEX crm_customer_keys ON crm_customer USING gin (search_keys);
