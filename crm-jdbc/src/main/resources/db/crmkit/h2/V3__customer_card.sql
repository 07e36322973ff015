-- crmkit schema, version 3, for H2 2.x: result codes, products, the applications of result codes
-- (to a customer, one of its numbers or one of its products), call scripts, and work items
-- (tasks, issues, calendar events), capabilities granted to groups, and calls.

CREATE TABLE crm_result_code (
    tenant      varchar(64)  NOT NULL,
    code        varchar(32)  NOT NULL,
    label       varchar      NOT NULL,
    active      boolean      NOT NULL,
    -- The targets, comma-separated (CUSTOMER,PHONE,PRODUCT).
    applies_to  varchar      NOT NULL,
    -- Each parameter's rule, comma-separated (ACTION_DATE=REQUIRED,AMOUNT=OPTIONAL,...).
    parameters  varchar      NOT NULL,
    PRIMARY KEY (tenant, code)
);

CREATE SEQUENCE crm_result_seq;

CREATE TABLE crm_result (
    id            bigint       NOT NULL,
    tenant        varchar(64)  NOT NULL,
    customer_id   bigint       NOT NULL,
    code          varchar(32)  NOT NULL,
    target        varchar(16)  NOT NULL,
    phone         varchar(16),
    product_no    varchar(64),
    source        varchar(16)  NOT NULL,
    action_at     timestamp with time zone,
    -- Kept as text so that a value comes back with the scale it was given (1250.50, not 1250.5).
    amount        varchar,
    installments  integer,
    note          varchar,
    actor_id      varchar      NOT NULL,
    at            timestamp with time zone NOT NULL,
    PRIMARY KEY (tenant, id)
);

CREATE INDEX crm_result_customer ON crm_result (tenant, customer_id, id);
CREATE INDEX crm_result_at ON crm_result (tenant, at, code, source);

-- A product's actions, newest first.
CREATE INDEX crm_result_product ON crm_result (tenant, product_no, id);

CREATE TABLE crm_product (
    tenant       varchar(64)  NOT NULL,
    product_no   varchar(64)  NOT NULL,
    customer_id  bigint       NOT NULL,
    file_date    date,
    amount       varchar,
    status       varchar(100),
    version      bigint       NOT NULL,
    created_at   timestamp with time zone  NOT NULL,
    updated_at   timestamp with time zone  NOT NULL,
    PRIMARY KEY (tenant, product_no)
);

CREATE INDEX crm_product_customer ON crm_product (tenant, customer_id, product_no);

CREATE TABLE crm_script (
    tenant      varchar(64)  NOT NULL,
    script_key  varchar(64)  NOT NULL,
    title       varchar         NOT NULL,
    html        CLOB         NOT NULL,
    queue       varchar,
    project     varchar,
    -- The groups that may see it, as a JSON list; empty for everyone.
    visible_to  varchar         NOT NULL,
    PRIMARY KEY (tenant, script_key)
);

CREATE SEQUENCE crm_work_item_seq;

CREATE TABLE crm_work_item (
    id           bigint       NOT NULL,
    tenant       varchar(64)  NOT NULL,
    kind         varchar(16)  NOT NULL,
    title        varchar         NOT NULL,
    description  varchar,
    -- Null when the item was never linked, or its customer was deleted.
    customer_id  bigint,
    assignee     varchar,
    due_at       timestamp with time zone,
    ends_at      timestamp with time zone,
    done         boolean      NOT NULL,
    done_at      timestamp with time zone,
    created_by   varchar         NOT NULL,
    created_at   timestamp with time zone  NOT NULL,
    updated_at   timestamp with time zone  NOT NULL,
    version      bigint       NOT NULL,
    PRIMARY KEY (tenant, id)
);

CREATE INDEX crm_work_item_customer ON crm_work_item (tenant, customer_id, id);

-- Capabilities granted to permission groups (such as opening others' call recordings).
CREATE TABLE crm_capability (
    tenant      varchar(64)  NOT NULL,
    group_name  varchar(200) NOT NULL,
    capability  varchar(32)  NOT NULL,
    PRIMARY KEY (tenant, group_name, capability)
);

CREATE SEQUENCE crm_call_seq;

CREATE TABLE crm_call (
    id             bigint       NOT NULL,
    tenant         varchar(64)  NOT NULL,
    customer_id    bigint       NOT NULL,
    phone          varchar(16)  NOT NULL,
    agent          varchar         NOT NULL,
    started_at     timestamp with time zone  NOT NULL,
    seconds        bigint       NOT NULL,
    result_code    varchar(32),
    source         varchar(16)  NOT NULL,
    -- Handed out only to those allowed to open it.
    recording_ref  varchar,
    recorded_at    timestamp with time zone  NOT NULL,
    PRIMARY KEY (tenant, id)
);

CREATE INDEX crm_call_customer ON crm_call (tenant, customer_id, id);
