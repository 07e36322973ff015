-- A customer with a result code applied, a product, a message template, a message sent from it and an
-- attachment with its bytes in the database blob store, as version 5 stores them (search keys behind the
-- tenant's tag); upgrades must keep them readable.
INSERT INTO crm_customer (id, tenant, version, type, full_name, primary_phone, phones, segment, status,
    created_at, updated_at, total_contacts, total_calls, total_call_seconds, name_key, search_keys, result_code)
VALUES (nextval('crm_customer_seq'), 'acme', 2, 'PERSON', 'Ayşe Işık', '+905301112233',
    '[{"number":"+905301112233","status":"ACTIVE","favorite":false}]', 'VIP', 'ACTIVE',
    TIMESTAMP WITH TIME ZONE '2026-01-05 10:00:00+00', TIMESTAMP WITH TIME ZONE '2026-01-05 10:05:00+00',
    0, 0, 0, 'ayse isik',
    CAST('''uhe9ayse'' ''uhe9isik'' ''uhe9905301112233'' ''uhe905301112233'' ''uhe95301112233'' ''uhe9' || chr(1)
        || '332211103509''' AS tsvector),
    'PTP');
INSERT INTO crm_activity (id, tenant, customer_id, type, actor_id, at, text, data)
VALUES (nextval('crm_activity_seq'), 'acme', currval('crm_customer_seq'), 'LOG', 'boss',
    TIMESTAMP WITH TIME ZONE '2026-01-05 10:00:00+00', 'Customer created', '{"event":"created"}');
INSERT INTO crm_result_code (tenant, code, label, active, applies_to, parameters)
VALUES ('acme', 'PTP', 'Ödeme sözü', true, 'CUSTOMER,PHONE',
    'ACTION_DATE=OFF,AMOUNT=REQUIRED,INSTALLMENTS=OPTIONAL,NOTE=OFF');
INSERT INTO crm_result (id, tenant, customer_id, code, target, source, amount, actor_id, at)
VALUES (nextval('crm_result_seq'), 'acme', currval('crm_customer_seq'), 'PTP', 'CUSTOMER', 'MANUAL', 1250.50, 'boss',
    TIMESTAMP WITH TIME ZONE '2026-01-05 10:05:00+00');
INSERT INTO crm_product (tenant, product_no, customer_id, file_date, amount, status, version, created_at, updated_at)
VALUES ('acme', '2026/0001', currval('crm_customer_seq'), DATE '2026-01-02', 18400.00, 'Derdest', 1,
    TIMESTAMP WITH TIME ZONE '2026-01-05 10:00:00+00', TIMESTAMP WITH TIME ZONE '2026-01-05 10:00:00+00');
INSERT INTO crm_message_template (tenant, template_key, name, body, channels, active)
VALUES ('acme', 'odeme-hatirlatma', 'Ödeme hatırlatma', 'Sayın [MÜŞTERİ_ADI], ödemenizi hatırlatırız.',
    'SMS,WHATSAPP', true);
INSERT INTO crm_message (id, tenant, customer_id, channel, phone, template_key, body, sender, sent_at,
    reference, provider_id)
VALUES (nextval('crm_message_seq'), 'acme', currval('crm_customer_seq'),
    'SMS', '+905301112233', 'odeme-hatirlatma', 'Sayın Ayşe Işık, ödemenizi hatırlatırız.', 'boss',
    TIMESTAMP WITH TIME ZONE '2026-01-05 10:06:00.123456+00', '5f1c2a9e-8d3b-4e7f-a160-2b9c4d7e8f01', 'sms-4711');
INSERT INTO crm_attachment (id, tenant, customer_id, file_name, content_type, size_bytes, sha256, blob_key,
    uploaded_by, uploaded_at)
VALUES (nextval('crm_attachment_seq'), 'acme', currval('crm_customer_seq'),
    'dekont.pdf', 'application/pdf', 25, '4c269ec3dc74c04aee81f224e1c5e3ce4414a0630ecf188ef9f4f79908d2432e',
    '0b6f7e2c-5d1a-4c39-9f0e-7a2d4b8c1e53', 'boss', TIMESTAMP WITH TIME ZONE '2026-01-05 10:07:00+00');
INSERT INTO crm_blob_part (tenant, blob_key, part_no, bytes)
VALUES ('acme', '0b6f7e2c-5d1a-4c39-9f0e-7a2d4b8c1e53', 0,
    '\x255044462d312e342064656b6f6e7420323032362f30303031'::bytea);
INSERT INTO crm_blob (tenant, blob_key, size_bytes, part_count, created_at)
VALUES ('acme', '0b6f7e2c-5d1a-4c39-9f0e-7a2d4b8c1e53', 25, 1,
    TIMESTAMP WITH TIME ZONE '2026-01-05 10:07:00+00');
