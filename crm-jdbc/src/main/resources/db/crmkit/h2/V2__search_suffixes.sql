-- crmkit schema, version 2, for H2 2.x: an index for substring search.
-- H2 has no trigram index, so each customer's search text is indexed by the beginnings (up to 12
-- characters) of every suffix of 3 or more characters of each of its words. A search term that
-- occurs in the text is the beginning of one of those suffixes, so a range scan of this table
-- finds every customer that can match (the adapter then checks the whole term).

CREATE TABLE crm_customer_suffix (
    tenant      varchar(64)  NOT NULL,
    suffix      varchar(12)  NOT NULL,
    customer_id bigint       NOT NULL,
    PRIMARY KEY (tenant, suffix, customer_id)
);

CREATE INDEX crm_customer_suffix_customer ON crm_customer_suffix (customer_id);

-- The customers stored before this version: the same suffixes the adapter writes, in SQL.
-- Words are separated by spaces and line breaks; a position inside a word starts a suffix.
INSERT INTO crm_customer_suffix (tenant, suffix, customer_id)
SELECT DISTINCT tenant, suffix, id
FROM (SELECT c.tenant, c.id,
             REGEXP_REPLACE(SUBSTRING(c.search_text FROM r.X FOR 12), '[ \n][\s\S]*', '') AS suffix
      FROM crm_customer c
      JOIN SYSTEM_RANGE(1, 1000000) r ON r.X <= CHAR_LENGTH(c.search_text)) AS positions
WHERE CHAR_LENGTH(suffix) >= 3;
