-- A customer with a result code applied, a product, a message template, a message sent from it and an
-- attachment with its bytes in the database blob store, as SQLite's version 1 stores them (instants in
-- microseconds, decimals as text, search keys in crm_search_key); upgrades must keep them readable.
UPDATE crm_sequence SET next_value = 1 WHERE name IN ('crm_customer_seq', 'crm_activity_seq', 'crm_result_seq',
    'crm_message_seq', 'crm_attachment_seq');
INSERT INTO crm_customer (id, tenant, version, type, full_name, primary_phone, phones, segment, status,
    created_at, updated_at, total_contacts, total_calls, total_call_seconds, name_key, search_keys, result_code)
VALUES (1, 'acme', 2, 'PERSON', 'Ayşe Işık', '+905301112233',
    '[{"number":"+905301112233","status":"ACTIVE","favorite":false}]', 'VIP', 'ACTIVE',
    1767607200000000, 1767607500000000, 0, 0, 0, 'ayse isik', char(10) || char(1) || '332211103509' || char(10) || '05301112233' || char(10) || '5301112233'
    || char(10) || '905301112233' || char(10) || 'ayse' || char(10) || 'isik', 'PTP');
INSERT INTO crm_tenant (id, tenant) VALUES (1, 'acme');
INSERT INTO crm_search_key (tenant_no, key, customer_id)
VALUES (1, 'ayse', 1), (1, 'isik', 1), (1, '905301112233', 1), (1, '05301112233', 1),
    (1, '5301112233', 1), (1, char(1) || '332211103509', 1);
INSERT INTO crm_activity (id, tenant, customer_id, type, actor_id, at, text, data)
VALUES (1, 'acme', 1, 'LOG', 'boss', 1767607200000000, 'Customer created', '{"event":"created"}');
INSERT INTO crm_result_code (tenant, code, label, active, applies_to, parameters)
VALUES ('acme', 'PTP', 'Ödeme sözü', 1, 'CUSTOMER,PHONE',
    'ACTION_DATE=OFF,AMOUNT=REQUIRED,INSTALLMENTS=OPTIONAL,NOTE=OFF');
INSERT INTO crm_result (id, tenant, customer_id, code, target, source, amount, actor_id, at)
VALUES (1, 'acme', 1, 'PTP', 'CUSTOMER', 'MANUAL', '1250.50', 'boss', 1767607500000000);
INSERT INTO crm_product (tenant, product_no, customer_id, file_date, amount, status, version, created_at, updated_at)
VALUES ('acme', '2026/0001', 1, '2026-01-02', '18400.00', 'Derdest', 1,
    1767607200000000, 1767607200000000);
INSERT INTO crm_message_template (tenant, template_key, name, body, channels, active)
VALUES ('acme', 'odeme-hatirlatma', 'Ödeme hatırlatma', 'Sayın [MÜŞTERİ_ADI], ödemenizi hatırlatırız.',
    'SMS,WHATSAPP', 1);
INSERT INTO crm_message (id, tenant, customer_id, channel, phone, template_key, body, sender, sent_at,
    reference, provider_id)
VALUES (1, 'acme', 1, 'SMS', '+905301112233', 'odeme-hatirlatma', 'Sayın Ayşe Işık, ödemenizi hatırlatırız.', 'boss',
    1767607560123456, '5f1c2a9e-8d3b-4e7f-a160-2b9c4d7e8f01', 'sms-4711');
INSERT INTO crm_attachment (id, tenant, customer_id, file_name, content_type, size_bytes, sha256, blob_key,
    uploaded_by, uploaded_at)
VALUES (1, 'acme', 1, 'dekont.pdf', 'application/pdf', 25,
    '4c269ec3dc74c04aee81f224e1c5e3ce4414a0630ecf188ef9f4f79908d2432e',
    '0b6f7e2c-5d1a-4c39-9f0e-7a2d4b8c1e53', 'boss', 1767607620000000);
INSERT INTO crm_blob_part (tenant, blob_key, part_no, bytes)
VALUES ('acme', '0b6f7e2c-5d1a-4c39-9f0e-7a2d4b8c1e53', 0, X'255044462d312e342064656b6f6e7420323032362f30303031');
INSERT INTO crm_blob (tenant, blob_key, size_bytes, part_count, created_at)
VALUES ('acme', '0b6f7e2c-5d1a-4c39-9f0e-7a2d4b8c1e53', 25, 1, 1767607620000000);
