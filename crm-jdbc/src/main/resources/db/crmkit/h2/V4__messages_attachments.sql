-- crmkit schema, version 4, for H2 2.x: message templates and the SMS and WhatsApp messages sent to
-- customers, attachments on customers' cards, and the database blob store that keeps attachment bytes
-- unless the host configures another.

CREATE TABLE crm_message_template (
    tenant        varchar(64)  NOT NULL,
    template_key  varchar(64)  NOT NULL,
    name          varchar      NOT NULL,
    body          varchar      NOT NULL,
    -- The channels it may be sent on, comma-separated (SMS,WHATSAPP).
    channels      varchar      NOT NULL,
    active        boolean      NOT NULL,
    PRIMARY KEY (tenant, template_key)
);

CREATE SEQUENCE crm_message_seq;

CREATE TABLE crm_message (
    id            bigint       NOT NULL,
    tenant        varchar(64)  NOT NULL,
    customer_id   bigint       NOT NULL,
    channel       varchar(16)  NOT NULL,
    phone         varchar(16)  NOT NULL,
    -- Null for free text; kept when the template is deleted.
    template_key  varchar(64),
    body          varchar      NOT NULL,
    sender        varchar      NOT NULL,
    sent_at       timestamp with time zone  NOT NULL,
    -- The library's id for the send, as the gateway was given it.
    reference     varchar      NOT NULL,
    -- The gateway's id for it, if it gave one.
    provider_id   varchar,
    PRIMARY KEY (tenant, id)
);

CREATE INDEX crm_message_customer ON crm_message (tenant, customer_id, id);

CREATE SEQUENCE crm_attachment_seq;

CREATE TABLE crm_attachment (
    id            bigint       NOT NULL,
    tenant        varchar(64)  NOT NULL,
    customer_id   bigint       NOT NULL,
    file_name     varchar      NOT NULL,
    content_type  varchar      NOT NULL,
    size_bytes    bigint       NOT NULL,
    -- 64 lower-case hex digits.
    sha256        varchar(64)  NOT NULL,
    -- Where the bytes are in the blob store (crm_blob, or the host's own).
    blob_key      varchar(128) NOT NULL,
    uploaded_by   varchar      NOT NULL,
    uploaded_at   timestamp with time zone  NOT NULL,
    PRIMARY KEY (tenant, id)
);

CREATE INDEX crm_attachment_customer ON crm_attachment (tenant, customer_id, id);

-- The database blob store: a blob is a row here and its bytes in parts of 1 MiB, all written in one
-- transaction and this row last, so readers see a whole blob or none. A replaced blob gets a later
-- created_at, by which a reader fetching its parts one by one notices the change.
CREATE TABLE crm_blob (
    tenant      varchar(64)  NOT NULL,
    blob_key    varchar(128) NOT NULL,
    size_bytes  bigint       NOT NULL,
    part_count  integer      NOT NULL,
    created_at  timestamp with time zone  NOT NULL,
    PRIMARY KEY (tenant, blob_key)
);

CREATE TABLE crm_blob_part (
    tenant    varchar(64)  NOT NULL,
    blob_key  varchar(128) NOT NULL,
    -- From 0; every part but the last holds exactly 1 MiB.
    part_no   integer      NOT NULL,
    -- A BLOB, as the import sources are: kept in H2's LOB storage rather than in the table's pages.
    bytes     BLOB         NOT NULL,
    PRIMARY KEY (tenant, blob_key, part_no)
);
