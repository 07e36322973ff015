-- crmkit schema, version 3, for PostgreSQL 14+: result codes, products, the applications of result codes
-- (to a customer, one of its numbers or one of its products), call scripts, and work items
-- (tasks, issues, calendar events), capabilities granted to groups, and calls.

CREATE TABLE crm_result_code (
    tenant      varchar(64)  NOT NULL,
    code        varchar(32)  NOT NULL,
    label       text         NOT NULL,
    active      boolean      NOT NULL,
    -- The targets, comma-separated (CUSTOMER,PHONE,PRODUCT).
    applies_to  text         NOT NULL,
    -- Each parameter's rule, comma-separated (ACTION_DATE=REQUIRED,AMOUNT=OPTIONAL,...).
    parameters  text         NOT NULL,
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
    action_at     timestamptz,
    amount        numeric,
    installments  integer,
    note          text,
    actor_id      text         NOT NULL,
    at            timestamptz  NOT NULL,
    PRIMARY KEY (tenant, id)
);

-- A customer's history, newest first (a backward scan).
CREATE INDEX crm_result_customer ON crm_result (tenant, customer_id, id);
-- The report: applications of a period, counted by code and source.
CREATE INDEX crm_result_at ON crm_result (tenant, at, code, source);

-- A product's actions, newest first.
CREATE INDEX crm_result_product ON crm_result (tenant, product_no, id);

CREATE TABLE crm_product (
    tenant       varchar(64)  NOT NULL,
    product_no   varchar(64)  NOT NULL,
    customer_id  bigint       NOT NULL,
    file_date    date,
    amount       numeric,
    status       varchar(100),
    version      bigint       NOT NULL,
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL,
    PRIMARY KEY (tenant, product_no)
);

CREATE INDEX crm_product_customer ON crm_product (tenant, customer_id, product_no);

CREATE TABLE crm_script (
    tenant      varchar(64)  NOT NULL,
    script_key  varchar(64)  NOT NULL,
    title       text         NOT NULL,
    html        text         NOT NULL,
    queue       text,
    project     text,
    -- The groups that may see it, as a JSON list; empty for everyone.
    visible_to  text         NOT NULL,
    PRIMARY KEY (tenant, script_key)
);

CREATE SEQUENCE crm_work_item_seq;

CREATE TABLE crm_work_item (
    id           bigint       NOT NULL,
    tenant       varchar(64)  NOT NULL,
    kind         varchar(16)  NOT NULL,
    title        text         NOT NULL,
    description  text,
    -- Null when the item was never linked, or its customer was deleted.
    customer_id  bigint,
    assignee     text,
    due_at       timestamptz,
    ends_at      timestamptz,
    done         boolean      NOT NULL,
    done_at      timestamptz,
    created_by   text         NOT NULL,
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL,
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
    agent          text         NOT NULL,
    started_at     timestamptz  NOT NULL,
    seconds        bigint       NOT NULL,
    result_code    varchar(32),
    source         varchar(16)  NOT NULL,
    -- Handed out only to those allowed to open it.
    recording_ref  text,
    recorded_at    timestamptz  NOT NULL,
    PRIMARY KEY (tenant, id)
);

CREATE INDEX crm_call_customer ON crm_call (tenant, customer_id, id);
