-- A customer with a result code applied and a product and its suffix index entries, as version 3 stores them;
-- upgrades must keep them readable.
INSERT INTO crm_customer (id, tenant, version, type, full_name, primary_phone, phones, segment, status,
    created_at, updated_at, total_contacts, total_calls, total_call_seconds, name_key, search_text, result_code)
VALUES (NEXT VALUE FOR crm_customer_seq, 'acme', 2, 'PERSON', 'Ayşe Işık', '+905301112233',
    '[{"number":"+905301112233","status":"ACTIVE","favorite":false}]', 'VIP', 'ACTIVE',
    TIMESTAMP WITH TIME ZONE '2026-01-05 10:00:00+00', TIMESTAMP WITH TIME ZONE '2026-01-05 10:05:00+00',
    0, 0, 0, 'ayse isik', 'ayse isik' || chr(10) || chr(10) || chr(10) || '905301112233', 'PTP');
INSERT INTO crm_activity (id, tenant, customer_id, type, actor_id, at, text, data)
VALUES (NEXT VALUE FOR crm_activity_seq, 'acme', (SELECT max(id) FROM crm_customer), 'LOG', 'boss',
    TIMESTAMP WITH TIME ZONE '2026-01-05 10:00:00+00', 'Customer created', '{"event":"created"}');
INSERT INTO crm_customer_suffix (tenant, suffix, customer_id)
SELECT 'acme', k, (SELECT max(id) FROM crm_customer) FROM (VALUES ('ayse'), ('isik'),
    ('905301112233'), ('5301112233'), ('01112233'), ('112233'), ('2233')) AS keys(k);
INSERT INTO crm_result_code (tenant, code, label, active, applies_to, parameters)
VALUES ('acme', 'PTP', 'Ödeme sözü', true, 'CUSTOMER,PHONE',
    'ACTION_DATE=OFF,AMOUNT=REQUIRED,INSTALLMENTS=OPTIONAL,NOTE=OFF');
INSERT INTO crm_result (id, tenant, customer_id, code, target, source, amount, actor_id, at)
VALUES (NEXT VALUE FOR crm_result_seq, 'acme', (SELECT max(id) FROM crm_customer), 'PTP', 'CUSTOMER', 'MANUAL',
    '1250.50', 'boss', TIMESTAMP WITH TIME ZONE '2026-01-05 10:05:00+00');
INSERT INTO crm_product (tenant, product_no, customer_id, file_date, amount, status, version, created_at, updated_at)
VALUES ('acme', '2026/0001', (SELECT max(id) FROM crm_customer), DATE '2026-01-02', '18400.00', 'Derdest', 1,
    TIMESTAMP WITH TIME ZONE '2026-01-05 10:00:00+00', TIMESTAMP WITH TIME ZONE '2026-01-05 10:00:00+00');
