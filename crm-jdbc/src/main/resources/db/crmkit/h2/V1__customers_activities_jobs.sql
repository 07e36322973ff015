-- crmkit schema, version 1, for H2 2.x.
-- Every table carries the tenant; the adapter never reads a row of another tenant.
-- Lists and maps the library alone reads (phones, custom values, activity changes, job settings)
-- are JSON varchar, so that one customer is one row: imports write one row per customer.

CREATE TABLE crm_tenant (
    tenant varchar(64) PRIMARY KEY
);

CREATE SEQUENCE crm_customer_seq;

CREATE TABLE crm_customer (
    id                      bigint       PRIMARY KEY,
    tenant                  varchar(64)  NOT NULL,
    version                 bigint       NOT NULL,
    type                    varchar(16)  NOT NULL,
    full_name               varchar         NOT NULL,
    primary_phone           varchar(16)  NOT NULL,
    phones                  varchar         NOT NULL,
    email                   varchar,
    company                 varchar,
    segment                 varchar(16)  NOT NULL,
    status                  varchar(16)  NOT NULL,
    fax                     varchar,
    address                 varchar,
    national_id             varchar(11),
    representative          varchar,
    previous_representative varchar,
    assigned_at             TIMESTAMP(6) WITH TIME ZONE,
    queue                   varchar,
    result_code             varchar,
    action_at               TIMESTAMP(6) WITH TIME ZONE,
    processing_status       varchar,
    -- Text, because H2's NUMERIC has a fixed scale and DECFLOAT drops trailing zeros: 1.50 stays 1.50.
    total_amount            varchar,
    created_at              TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
    loaded_at               TIMESTAMP(6) WITH TIME ZONE,
    updated_at              TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
    last_contact_at         TIMESTAMP(6) WITH TIME ZONE,
    total_contacts          bigint       NOT NULL,
    total_calls             bigint       NOT NULL,
    total_call_seconds      bigint       NOT NULL,
    custom_values           varchar,
    import_job_id           bigint,
    -- The folded full name, compared by code point as the NAME order asks.
    name_key                varchar      NOT NULL,
    -- What a search term must occur in (see CustomerSearchText).
    search_text             varchar         NOT NULL
);

CREATE UNIQUE INDEX crm_customer_phone_uq ON crm_customer (tenant, primary_phone);
CREATE INDEX crm_customer_updated ON crm_customer (tenant, updated_at DESC, id DESC);
CREATE INDEX crm_customer_created ON crm_customer (tenant, created_at DESC, id DESC);
CREATE INDEX crm_customer_contacts ON crm_customer (tenant, total_contacts DESC, id DESC);
CREATE INDEX crm_customer_name ON crm_customer (tenant, name_key, id);

CREATE SEQUENCE crm_activity_seq;

CREATE TABLE crm_activity (
    id          bigint       NOT NULL,
    tenant      varchar(64)  NOT NULL,
    customer_id bigint       NOT NULL,
    type        varchar(16)  NOT NULL,
    actor_id    varchar         NOT NULL,
    at          TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
    text        varchar         NOT NULL,
    changes     varchar,
    data        varchar,
    -- The feed reads a tenant's activities by id: the key serves it.
    PRIMARY KEY (tenant, id)
);

CREATE INDEX crm_activity_timeline ON crm_activity (tenant, customer_id, id DESC);

CREATE SEQUENCE crm_audit_seq;

CREATE TABLE crm_audit (
    id       bigint       PRIMARY KEY,
    tenant   varchar(64)  NOT NULL,
    at       TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
    actor_id varchar         NOT NULL,
    action   varchar         NOT NULL,
    subject  varchar         NOT NULL
);

CREATE INDEX crm_audit_newest ON crm_audit (tenant, id DESC);

CREATE TABLE crm_custom_field (
    tenant                   varchar(64)  NOT NULL,
    field_key                varchar(64)  NOT NULL,
    label                    varchar         NOT NULL,
    type                     varchar(16)  NOT NULL,
    options                  varchar         NOT NULL,
    required                 boolean      NOT NULL,
    position                 integer      NOT NULL,
    visible_to               varchar         NOT NULL,
    case_insensitive_options boolean      NOT NULL,
    PRIMARY KEY (tenant, field_key)
);

CREATE TABLE crm_grant (
    tenant varchar(64)  NOT NULL,
    kind   char(1)      NOT NULL,  -- U: a user, G: a group
    name   varchar         NOT NULL,
    level  varchar(16)  NOT NULL,
    PRIMARY KEY (tenant, kind, name)
);

CREATE SEQUENCE crm_import_job_seq;

CREATE TABLE crm_import_job (
    id              bigint       PRIMARY KEY,
    tenant          varchar(64)  NOT NULL,
    status          varchar(16)  NOT NULL,
    version         bigint       NOT NULL,
    file_name       varchar         NOT NULL,
    submitter       varchar         NOT NULL,
    dry_run         boolean      NOT NULL,
    on_duplicate    varchar(16)  NOT NULL,
    atomic          boolean      NOT NULL,
    policies        varchar         NOT NULL,
    settings        varchar         NOT NULL,
    source_bytes    bigint       NOT NULL,
    source_checksum varchar(64),
    source_path     varchar,
    rows_read       bigint       NOT NULL,
    created         bigint       NOT NULL,
    updated         bigint       NOT NULL,
    skipped         bigint       NOT NULL,
    rejected        bigint       NOT NULL,
    next_row        bigint       NOT NULL,
    bytes_read      bigint       NOT NULL,
    encoding        varchar(64),
    delimiter       varchar(1),
    headers         varchar         NOT NULL,
    warnings        varchar         NOT NULL,
    fatal_code      varchar(64),
    fatal_message   varchar,
    submitted_at    TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
    started_at      TIMESTAMP(6) WITH TIME ZONE,
    finished_at     TIMESTAMP(6) WITH TIME ZONE,
    lease_owner     varchar,
    lease_until     TIMESTAMP(6) WITH TIME ZONE,
    undone          boolean      NOT NULL,
    checked         boolean      NOT NULL
);

CREATE INDEX crm_import_job_list ON crm_import_job (tenant, id DESC);
CREATE INDEX crm_import_job_waiting ON crm_import_job (status, submitted_at, id);

CREATE TABLE crm_import_rejected_row (
    job_id  bigint       NOT NULL,
    row_no  bigint       NOT NULL,
    tenant  varchar(64)  NOT NULL,
    cells   CLOB         NOT NULL,
    errors  CLOB         NOT NULL,
    PRIMARY KEY (job_id, row_no)
);

CREATE TABLE crm_import_change (
    id            bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    job_id        bigint       NOT NULL,
    tenant        varchar(64)  NOT NULL,
    -- One customer, or the customers a chunk created (ids joined by ','), one row for all.
    customer_id   bigint,
    customer_ids  CLOB,
    created       boolean      NOT NULL,
    version_after bigint       NOT NULL,
    before_image  CLOB
);

CREATE INDEX crm_import_change_job ON crm_import_change (job_id, id);

CREATE TABLE crm_import_source (
    job_id bigint       NOT NULL,
    part   integer      NOT NULL,
    tenant varchar(64)  NOT NULL,
    bytes  BLOB        NOT NULL,
    PRIMARY KEY (job_id, part)
);
