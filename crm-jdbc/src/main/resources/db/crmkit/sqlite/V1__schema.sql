-- crmkit schema, version 1, for SQLite 3.45+: every table of the PostgreSQL schema's versions 1 to 5.
-- Every table carries the tenant; the adapter never reads a row of another tenant.
-- SQLite has no timestamp, decimal or sequence types: instants are integers (microseconds since the
-- epoch, which sort and compare as instants do), decimals and dates are text (1.50 stays 1.50), and
-- ids come from crm_sequence, whose rows the adapter advances inside the writing transaction.
-- Lists and maps the library alone reads (phones, custom values, activity changes, job settings)
-- are JSON text, so that one customer is one row.
-- JdbcStorage puts the file in WAL mode (a setting of the file, kept): readers never wait for the writer.

-- Every tenant that has written, with a number: the search key table, the largest, names the tenant by
-- it (a small integer takes one byte where the name takes its length in every row).
CREATE TABLE crm_tenant (
    id     INTEGER PRIMARY KEY,
    tenant TEXT    NOT NULL UNIQUE
);

CREATE TABLE crm_sequence (
    name       TEXT    PRIMARY KEY,
    -- The last value handed out.
    next_value INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO crm_sequence (name, next_value) VALUES
    ('crm_customer_seq', 0), ('crm_activity_seq', 0), ('crm_audit_seq', 0), ('crm_import_job_seq', 0),
    ('crm_result_seq', 0), ('crm_work_item_seq', 0), ('crm_call_seq', 0), ('crm_message_seq', 0),
    ('crm_attachment_seq', 0);

CREATE TABLE crm_customer (
    id                      INTEGER PRIMARY KEY,
    tenant                  TEXT    NOT NULL,
    version                 INTEGER NOT NULL,
    type                    TEXT    NOT NULL,
    full_name               TEXT    NOT NULL,
    primary_phone           TEXT    NOT NULL,
    phones                  TEXT    NOT NULL,
    email                   TEXT,
    company                 TEXT,
    segment                 TEXT    NOT NULL,
    status                  TEXT    NOT NULL,
    fax                     TEXT,
    address                 TEXT,
    national_id             TEXT,
    representative          TEXT,
    previous_representative TEXT,
    assigned_at             INTEGER,
    queue                   TEXT,
    result_code             TEXT,
    action_at               INTEGER,
    processing_status       TEXT,
    total_amount            TEXT,
    created_at              INTEGER NOT NULL,
    loaded_at               INTEGER,
    updated_at              INTEGER NOT NULL,
    last_contact_at         INTEGER,
    total_contacts          INTEGER NOT NULL,
    total_calls             INTEGER NOT NULL,
    total_call_seconds      INTEGER NOT NULL,
    custom_values           TEXT,
    import_job_id           INTEGER,
    -- The folded full name; SQLite compares text by its UTF-8 bytes, which is code point order.
    name_key                TEXT    NOT NULL,
    -- The customer's search keys, each after a line feed: a walk through a list checks a common
    -- search term here (a key starts with the term where the text holds line feed and term).
    search_keys             TEXT    NOT NULL
);

CREATE UNIQUE INDEX crm_customer_phone_uq ON crm_customer (tenant, primary_phone);
CREATE INDEX crm_customer_updated ON crm_customer (tenant, updated_at, id);
CREATE INDEX crm_customer_created ON crm_customer (tenant, created_at, id);
CREATE INDEX crm_customer_contacts ON crm_customer (tenant, total_contacts, id);
CREATE INDEX crm_customer_name ON crm_customer (tenant, name_key, id);

-- The customers' search keys (SearchKeys: words, e-mail parts, phone forms): a search term that few
-- customers meet is a range of this key inside the tenant's part.
CREATE TABLE crm_search_key (
    tenant_no   INTEGER NOT NULL,  -- crm_tenant.id
    key         TEXT    NOT NULL,
    customer_id INTEGER NOT NULL,
    PRIMARY KEY (tenant_no, key, customer_id)
) WITHOUT ROWID;

CREATE TABLE crm_activity (
    id          INTEGER NOT NULL,
    tenant      TEXT    NOT NULL,
    customer_id INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    actor_id    TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    text        TEXT    NOT NULL,
    changes     TEXT,
    data        TEXT,
    -- The feed reads a tenant's activities by id: the key serves it.
    PRIMARY KEY (tenant, id)
) WITHOUT ROWID;

CREATE INDEX crm_activity_timeline ON crm_activity (tenant, customer_id, id);

CREATE TABLE crm_audit (
    id       INTEGER PRIMARY KEY,
    tenant   TEXT    NOT NULL,
    at       INTEGER NOT NULL,
    actor_id TEXT    NOT NULL,
    action   TEXT    NOT NULL,
    subject  TEXT    NOT NULL
);

CREATE INDEX crm_audit_newest ON crm_audit (tenant, id);

CREATE TABLE crm_custom_field (
    tenant                   TEXT    NOT NULL,
    field_key                TEXT    NOT NULL,
    label                    TEXT    NOT NULL,
    type                     TEXT    NOT NULL,
    options                  TEXT    NOT NULL,
    required                 INTEGER NOT NULL,
    position                 INTEGER NOT NULL,
    visible_to               TEXT    NOT NULL,
    case_insensitive_options INTEGER NOT NULL,
    PRIMARY KEY (tenant, field_key)
) WITHOUT ROWID;

CREATE TABLE crm_grant (
    tenant TEXT NOT NULL,
    kind   TEXT NOT NULL,  -- U: a user, G: a group
    name   TEXT NOT NULL,
    level  TEXT NOT NULL,
    PRIMARY KEY (tenant, kind, name)
) WITHOUT ROWID;

CREATE TABLE crm_import_job (
    id              INTEGER PRIMARY KEY,
    tenant          TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    file_name       TEXT    NOT NULL,
    submitter       TEXT    NOT NULL,
    dry_run         INTEGER NOT NULL,
    on_duplicate    TEXT    NOT NULL,
    atomic          INTEGER NOT NULL,
    policies        TEXT    NOT NULL,
    settings        TEXT    NOT NULL,
    source_bytes    INTEGER NOT NULL,
    source_checksum TEXT,
    source_path     TEXT,
    rows_read       INTEGER NOT NULL,
    created         INTEGER NOT NULL,
    updated         INTEGER NOT NULL,
    skipped         INTEGER NOT NULL,
    rejected        INTEGER NOT NULL,
    next_row        INTEGER NOT NULL,
    bytes_read      INTEGER NOT NULL,
    encoding        TEXT,
    delimiter       TEXT,
    headers         TEXT    NOT NULL,
    warnings        TEXT    NOT NULL,
    fatal_code      TEXT,
    fatal_message   TEXT,
    submitted_at    INTEGER NOT NULL,
    started_at      INTEGER,
    finished_at     INTEGER,
    lease_owner     TEXT,
    lease_until     INTEGER,
    undone          INTEGER NOT NULL,
    checked         INTEGER NOT NULL
);

CREATE INDEX crm_import_job_list ON crm_import_job (tenant, id);
CREATE INDEX crm_import_job_waiting ON crm_import_job (submitted_at, id) WHERE status IN ('QUEUED', 'RUNNING');

CREATE TABLE crm_import_rejected_row (
    job_id  INTEGER NOT NULL,
    row_no  INTEGER NOT NULL,
    tenant  TEXT    NOT NULL,
    cells   TEXT    NOT NULL,
    errors  TEXT    NOT NULL,
    PRIMARY KEY (job_id, row_no)
) WITHOUT ROWID;

CREATE TABLE crm_import_change (
    id            INTEGER PRIMARY KEY,
    job_id        INTEGER NOT NULL,
    tenant        TEXT    NOT NULL,
    -- One customer, or the customers a chunk created (ids joined by ','), one row for all.
    customer_id   INTEGER,
    customer_ids  TEXT,
    created       INTEGER NOT NULL,
    version_after INTEGER NOT NULL,
    before_image  TEXT
);

CREATE INDEX crm_import_change_job ON crm_import_change (job_id, id);

CREATE TABLE crm_import_source (
    job_id INTEGER NOT NULL,
    part   INTEGER NOT NULL,
    tenant TEXT    NOT NULL,
    bytes  BLOB    NOT NULL,
    PRIMARY KEY (job_id, part)
) WITHOUT ROWID;

-- (tasks, issues, calendar events), capabilities granted to groups, and calls.

CREATE TABLE crm_result_code (
    tenant      TEXT  NOT NULL,
    code        TEXT  NOT NULL,
    label       TEXT         NOT NULL,
    active      INTEGER      NOT NULL,
    -- The targets, comma-separated (CUSTOMER,PHONE,PRODUCT).
    applies_to  TEXT         NOT NULL,
    -- Each parameter's rule, comma-separated (ACTION_DATE=REQUIRED,AMOUNT=OPTIONAL,...).
    parameters  TEXT         NOT NULL,
    PRIMARY KEY (tenant, code)
);


CREATE TABLE crm_result (
    id            INTEGER       NOT NULL,
    tenant        TEXT  NOT NULL,
    customer_id   INTEGER       NOT NULL,
    code          TEXT  NOT NULL,
    target        TEXT  NOT NULL,
    phone         TEXT,
    product_no    TEXT,
    source        TEXT  NOT NULL,
    action_at     INTEGER,
    amount        TEXT,
    installments  INTEGER,
    note          TEXT,
    actor_id      TEXT         NOT NULL,
    at            INTEGER  NOT NULL,
    PRIMARY KEY (tenant, id)
);

-- A customer's history, newest first (a backward scan).
CREATE INDEX crm_result_customer ON crm_result (tenant, customer_id, id);
-- The report: applications of a period, counted by code and source.
CREATE INDEX crm_result_at ON crm_result (tenant, at, code, source);

-- A product's actions, newest first.
CREATE INDEX crm_result_product ON crm_result (tenant, product_no, id);

CREATE TABLE crm_product (
    tenant       TEXT  NOT NULL,
    product_no   TEXT  NOT NULL,
    customer_id  INTEGER       NOT NULL,
    file_date    TEXT,
    amount       TEXT,
    status       TEXT,
    version      INTEGER       NOT NULL,
    created_at   INTEGER  NOT NULL,
    updated_at   INTEGER  NOT NULL,
    PRIMARY KEY (tenant, product_no)
);

CREATE INDEX crm_product_customer ON crm_product (tenant, customer_id, product_no);

CREATE TABLE crm_script (
    tenant      TEXT  NOT NULL,
    script_key  TEXT  NOT NULL,
    title       TEXT         NOT NULL,
    html        TEXT         NOT NULL,
    queue       TEXT,
    project     TEXT,
    -- The groups that may see it, as a JSON list; empty for everyone.
    visible_to  TEXT         NOT NULL,
    PRIMARY KEY (tenant, script_key)
);


CREATE TABLE crm_work_item (
    id           INTEGER       NOT NULL,
    tenant       TEXT  NOT NULL,
    kind         TEXT  NOT NULL,
    title        TEXT         NOT NULL,
    description  TEXT,
    -- Null when the item was never linked, or its customer was deleted.
    customer_id  INTEGER,
    assignee     TEXT,
    due_at       INTEGER,
    ends_at      INTEGER,
    done         INTEGER      NOT NULL,
    done_at      INTEGER,
    created_by   TEXT         NOT NULL,
    created_at   INTEGER  NOT NULL,
    updated_at   INTEGER  NOT NULL,
    version      INTEGER       NOT NULL,
    PRIMARY KEY (tenant, id)
);

CREATE INDEX crm_work_item_customer ON crm_work_item (tenant, customer_id, id);

-- Capabilities granted to permission groups (such as opening others' call recordings).
CREATE TABLE crm_capability (
    tenant      TEXT  NOT NULL,
    group_name  TEXT NOT NULL,
    capability  TEXT  NOT NULL,
    PRIMARY KEY (tenant, group_name, capability)
);


CREATE TABLE crm_call (
    id             INTEGER       NOT NULL,
    tenant         TEXT  NOT NULL,
    customer_id    INTEGER       NOT NULL,
    phone          TEXT  NOT NULL,
    agent          TEXT         NOT NULL,
    started_at     INTEGER  NOT NULL,
    seconds        INTEGER       NOT NULL,
    result_code    TEXT,
    source         TEXT  NOT NULL,
    -- Handed out only to those allowed to open it.
    recording_ref  TEXT,
    recorded_at    INTEGER  NOT NULL,
    PRIMARY KEY (tenant, id)
);

CREATE INDEX crm_call_customer ON crm_call (tenant, customer_id, id);


CREATE TABLE crm_message_template (
    tenant        TEXT  NOT NULL,
    template_key  TEXT  NOT NULL,
    name          TEXT         NOT NULL,
    body          TEXT         NOT NULL,
    -- The channels it may be sent on, comma-separated (SMS,WHATSAPP).
    channels      TEXT         NOT NULL,
    active        INTEGER      NOT NULL,
    PRIMARY KEY (tenant, template_key)
);


CREATE TABLE crm_message (
    id            INTEGER       NOT NULL,
    tenant        TEXT  NOT NULL,
    customer_id   INTEGER       NOT NULL,
    channel       TEXT  NOT NULL,
    phone         TEXT  NOT NULL,
    -- Null for free TEXT; kept when the template is deleted.
    template_key  TEXT,
    body          TEXT         NOT NULL,
    sender        TEXT         NOT NULL,
    sent_at       INTEGER  NOT NULL,
    -- The library's id for the send, as the gateway was given it.
    reference     TEXT         NOT NULL,
    -- The gateway's id for it, if it gave one.
    provider_id   TEXT,
    PRIMARY KEY (tenant, id)
);

-- A customer's messages, newest first (a backward scan).
CREATE INDEX crm_message_customer ON crm_message (tenant, customer_id, id);


CREATE TABLE crm_attachment (
    id            INTEGER       NOT NULL,
    tenant        TEXT  NOT NULL,
    customer_id   INTEGER       NOT NULL,
    file_name     TEXT         NOT NULL,
    content_type  TEXT         NOT NULL,
    size_bytes    INTEGER       NOT NULL,
    -- 64 lower-case hex digits.
    sha256        TEXT  NOT NULL,
    -- Where the bytes are in the blob store (crm_blob, or the host's own).
    blob_key      TEXT NOT NULL,
    uploaded_by   TEXT         NOT NULL,
    uploaded_at   INTEGER  NOT NULL,
    PRIMARY KEY (tenant, id)
);

-- A customer's attachments, newest first (a backward scan).
CREATE INDEX crm_attachment_customer ON crm_attachment (tenant, customer_id, id);

-- The database blob store: a blob is a row here and its bytes in parts of 1 MiB, all written in one
-- transaction and this row last, so readers see a whole blob or none. A replaced blob gets a later
-- created_at, by which a reader fetching its parts one by one notices the change.
CREATE TABLE crm_blob (
    tenant      TEXT  NOT NULL,
    blob_key    TEXT NOT NULL,
    size_bytes  INTEGER       NOT NULL,
    part_count  INTEGER      NOT NULL,
    created_at  INTEGER  NOT NULL,
    PRIMARY KEY (tenant, blob_key)
);

CREATE TABLE crm_blob_part (
    tenant    TEXT  NOT NULL,
    blob_key  TEXT NOT NULL,
    -- From 0; every part but the last holds exactly 1 MiB.
    part_no   INTEGER      NOT NULL,
    bytes     BLOB        NOT NULL,
    PRIMARY KEY (tenant, blob_key, part_no)
);
