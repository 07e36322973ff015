-- crmkit schema, version 2, for H2 2.x: an index for substring search.
-- H2 has no trigram index, so each customer's search text is indexed by the beginnings (up to 12
-- characters) of the suffixes of 3 or more characters that start at an even position of one of
-- its words. A search term of 4 or more characters that occurs in the text, or the term without
-- its first character, begins one of those keys: two range scans of this table find every
-- customer that can match (the adapter then checks the whole term).

CREATE TABLE crm_customer_suffix (
    tenant      varchar(64)  NOT NULL,
    suffix      varchar(12)  NOT NULL,
    customer_id bigint       NOT NULL,
    PRIMARY KEY (tenant, suffix, customer_id)
);

-- No index by customer: the adapter removes a customer's entries by their keys, which it
-- computes from the stored search text, so every write to this table touches one index only.

-- The customers stored before this version: the same suffixes the adapter writes, in SQL.
-- Words are separated by spaces and line breaks; the characters of a word before a position
-- are what is left of the text before it once everything up to its last separator is removed.
INSERT INTO crm_customer_suffix (tenant, suffix, customer_id)
SELECT DISTINCT tenant, suffix, id
FROM (SELECT c.tenant, c.id,
             REGEXP_REPLACE(SUBSTRING(c.search_text FROM r.X FOR 12), '[ \n][\s\S]*', '') AS suffix,
             CHAR_LENGTH(REGEXP_REPLACE(SUBSTRING(c.search_text FROM 1 FOR r.X - 1), '^[\s\S]*[ \n]', ''))
                 AS in_word
      FROM crm_customer c
      JOIN SYSTEM_RANGE(1, 1000000) r ON r.X <= CHAR_LENGTH(c.search_text)) AS positions
WHERE CHAR_LENGTH(suffix) >= 3 AND MOD(in_word, 2) = 0;
