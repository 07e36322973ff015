-- crmkit schema, version 4, for PostgreSQL 14+: message templates and the SMS and WhatsApp messages sent to
-- customers, attachments on customers' cards, and the database blob store that keeps attachment bytes
-- unless the host configures another.

CREATE TABLE crm_message_template (
    tenant        varchar(64)  NOT NULL,
    template_key  varchar(64)  NOT NULL,
    name          text         NOT NULL,
    body          text         NOT NULL,
    -- The channels it may be sent on, comma-separated (SMS,WHATSAPP).
    channels      text         NOT NULL,
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
    body          text         NOT NULL,
    sender        text         NOT NULL,
    sent_at       timestamptz  NOT NULL,
    -- The library's id for the send, as the gateway was given it.
    reference     text         NOT NULL,
    -- The gateway's id for it, if it gave one.
    provider_id   text,
    PRIMARY KEY (tenant, id)
);

-- A customer's messages, newest first (a backward scan).
CREATE INDEX crm_message_customer ON crm_message (tenant, customer_id, id);

CREATE SEQUENCE crm_attachment_seq;

CREATE TABLE crm_attachment (
    id            bigint       NOT NULL,
    tenant        varchar(64)  NOT NULL,
    customer_id   bigint       NOT NULL,
    file_name     text         NOT NULL,
    content_type  text         NOT NULL,
    size_bytes    bigint       NOT NULL,
    -- 64 lower-case hex digits.
    sha256        varchar(64)  NOT NULL,
    -- Where the bytes are in the blob store (crm_blob, or the host's own).
    blob_key      varchar(128) NOT NULL,
    uploaded_by   text         NOT NULL,
    uploaded_at   timestamptz  NOT NULL,
    PRIMARY KEY (tenant, id)
);

-- A customer's attachments, newest first (a backward scan).
CREATE INDEX crm_attachment_customer ON crm_attachment (tenant, customer_id, id);

-- The database blob store: a blob is a row here and its bytes in parts of 1 MiB, all written in one
-- transaction and this row last, so readers see a whole blob or none. A replaced blob gets a later
-- created_at, by which a reader fetching its parts one by one notices the change.
CREATE TABLE crm_blob (
    tenant      varchar(64)  NOT NULL,
    blob_key    varchar(128) NOT NULL,
    size_bytes  bigint       NOT NULL,
    part_count  integer      NOT NULL,
    created_at  timestamptz  NOT NULL,
    PRIMARY KEY (tenant, blob_key)
);

CREATE TABLE crm_blob_part (
    tenant    varchar(64)  NOT NULL,
    blob_key  varchar(128) NOT NULL,
    -- From 0; every part but the last holds exactly 1 MiB.
    part_no   integer      NOT NULL,
    bytes     bytea        NOT NULL,
    PRIMARY KEY (tenant, blob_key, part_no)
);
