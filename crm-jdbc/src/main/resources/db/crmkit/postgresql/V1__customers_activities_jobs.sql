-- crmkit schema, version 1, for PostgreSQL 14+.
-- Every table carries the tenant; the adapter never reads a row of another tenant.
-- Lists and maps the library alone reads (phones, custom values, activity changes, job settings)
-- are JSON text, so that one customer is one row: imports write one row per customer.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE crm_tenant (
    tenant varchar(64) PRIMARY KEY
);

CREATE SEQUENCE crm_customer_seq;

CREATE TABLE crm_customer (
    id                      bigint       PRIMARY KEY,
    tenant                  varchar(64)  NOT NULL,
    version                 bigint       NOT NULL,
    type                    varchar(16)  NOT NULL,
    full_name               text         NOT NULL,
    primary_phone           varchar(16)  NOT NULL,
    phones                  text         NOT NULL,
    email                   text,
    company                 text,
    segment                 varchar(16)  NOT NULL,
    status                  varchar(16)  NOT NULL,
    fax                     text,
    address                 text,
    national_id             varchar(11),
    representative          text,
    previous_representative text,
    assigned_at             timestamptz,
    queue                   text,
    result_code             text,
    action_at               timestamptz,
    processing_status       text,
    total_amount            numeric,
    created_at              timestamptz  NOT NULL,
    loaded_at               timestamptz,
    updated_at              timestamptz  NOT NULL,
    last_contact_at         timestamptz,
    total_contacts          bigint       NOT NULL,
    total_calls             bigint       NOT NULL,
    total_call_seconds      bigint       NOT NULL,
    custom_values           text,
    import_job_id           bigint,
    -- The folded full name, compared by code point as the NAME order asks.
    name_key                text COLLATE "C" NOT NULL,
    -- What a search term must occur in (see CustomerSearchText), trigram-indexed.
    search_text             text         NOT NULL
);

CREATE UNIQUE INDEX crm_customer_phone_uq ON crm_customer (tenant, primary_phone);
CREATE INDEX crm_customer_updated ON crm_customer (tenant, updated_at DESC, id DESC);
CREATE INDEX crm_customer_created ON crm_customer (tenant, created_at DESC, id DESC);
CREATE INDEX crm_customer_contacts ON crm_customer (tenant, total_contacts DESC, id DESC);
CREATE INDEX crm_customer_name ON crm_customer (tenant, name_key, id);
CREATE INDEX crm_customer_search ON crm_customer USING gin (search_text gin_trgm_ops);

CREATE SEQUENCE crm_activity_seq;

CREATE TABLE crm_activity (
    id          bigint       NOT NULL,
    tenant      varchar(64)  NOT NULL,
    customer_id bigint       NOT NULL,
    type        varchar(16)  NOT NULL,
    actor_id    text         NOT NULL,
    at          timestamptz  NOT NULL,
    text        text         NOT NULL,
    changes     text,
    data        text,
    -- The feed reads a tenant's activities by id: the key serves it.
    PRIMARY KEY (tenant, id)
);

CREATE INDEX crm_activity_timeline ON crm_activity (tenant, customer_id, id DESC);

CREATE SEQUENCE crm_audit_seq;

CREATE TABLE crm_audit (
    id       bigint       PRIMARY KEY,
    tenant   varchar(64)  NOT NULL,
    at       timestamptz  NOT NULL,
    actor_id text         NOT NULL,
    action   text         NOT NULL,
    subject  text         NOT NULL
);

CREATE INDEX crm_audit_newest ON crm_audit (tenant, id DESC);

CREATE TABLE crm_custom_field (
    tenant                   varchar(64)  NOT NULL,
    field_key                varchar(64)  NOT NULL,
    label                    text         NOT NULL,
    type                     varchar(16)  NOT NULL,
    options                  text         NOT NULL,
    required                 boolean      NOT NULL,
    position                 integer      NOT NULL,
    visible_to               text         NOT NULL,
    case_insensitive_options boolean      NOT NULL,
    PRIMARY KEY (tenant, field_key)
);

CREATE TABLE crm_grant (
    tenant varchar(64)  NOT NULL,
    kind   char(1)      NOT NULL,  -- U: a user, G: a group
    name   text         NOT NULL,
    level  varchar(16)  NOT NULL,
    PRIMARY KEY (tenant, kind, name)
);

CREATE SEQUENCE crm_import_job_seq;

CREATE TABLE crm_import_job (
    id              bigint       PRIMARY KEY,
    tenant          varchar(64)  NOT NULL,
    status          varchar(16)  NOT NULL,
    version         bigint       NOT NULL,
    file_name       text         NOT NULL,
    submitter       text         NOT NULL,
    dry_run         boolean      NOT NULL,
    on_duplicate    varchar(16)  NOT NULL,
    atomic          boolean      NOT NULL,
    policies        text         NOT NULL,
    settings        text         NOT NULL,
    source_bytes    bigint       NOT NULL,
    source_checksum varchar(64),
    source_path     text,
    rows_read       bigint       NOT NULL,
    created         bigint       NOT NULL,
    updated         bigint       NOT NULL,
    skipped         bigint       NOT NULL,
    rejected        bigint       NOT NULL,
    next_row        bigint       NOT NULL,
    bytes_read      bigint       NOT NULL,
    encoding        varchar(64),
    delimiter       varchar(1),
    headers         text         NOT NULL,
    warnings        text         NOT NULL,
    fatal_code      varchar(64),
    fatal_message   text,
    submitted_at    timestamptz  NOT NULL,
    started_at      timestamptz,
    finished_at     timestamptz,
    lease_owner     text,
    lease_until     timestamptz,
    undone          boolean      NOT NULL,
    checked         boolean      NOT NULL
);

CREATE INDEX crm_import_job_list ON crm_import_job (tenant, id DESC);
CREATE INDEX crm_import_job_waiting ON crm_import_job (submitted_at, id) WHERE status IN ('QUEUED', 'RUNNING');

CREATE TABLE crm_import_rejected_row (
    job_id  bigint       NOT NULL,
    row_no  bigint       NOT NULL,
    tenant  varchar(64)  NOT NULL,
    cells   text         NOT NULL,
    errors  text         NOT NULL,
    PRIMARY KEY (job_id, row_no)
);

CREATE TABLE crm_import_change (
    id            bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    job_id        bigint       NOT NULL,
    tenant        varchar(64)  NOT NULL,
    -- One customer, or the customers a chunk created (ids joined by ','), one row for all.
    customer_id   bigint,
    customer_ids  text,
    created       boolean      NOT NULL,
    version_after bigint       NOT NULL,
    before_image  text
);

CREATE INDEX crm_import_change_job ON crm_import_change (job_id, id);

CREATE TABLE crm_import_source (
    job_id bigint       NOT NULL,
    part   integer      NOT NULL,
    tenant varchar(64)  NOT NULL,
    bytes  bytea        NOT NULL,
    PRIMARY KEY (job_id, part)
);
