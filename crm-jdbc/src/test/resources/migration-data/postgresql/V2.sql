-- A customer and its activity as version 2 stores them; upgrades must keep them readable.
INSERT INTO crm_customer (id, tenant, version, type, full_name, primary_phone, phones, segment, status,
    created_at, updated_at, total_contacts, total_calls, total_call_seconds, name_key, search_text)
VALUES (nextval('crm_customer_seq'), 'acme', 1, 'PERSON', 'Ayşe Işık', '+905301112233',
    '[{"number":"+905301112233","status":"ACTIVE","favorite":false}]', 'VIP', 'ACTIVE',
    TIMESTAMP WITH TIME ZONE '2026-01-05 10:00:00+00', TIMESTAMP WITH TIME ZONE '2026-01-05 10:00:00+00',
    0, 0, 0, 'ayse isik', 'ayse isik' || chr(10) || chr(10) || chr(10) || '905301112233');
INSERT INTO crm_activity (id, tenant, customer_id, type, actor_id, at, text, data)
VALUES (nextval('crm_activity_seq'), 'acme', currval('crm_customer_seq'), 'LOG', 'boss',
    TIMESTAMP WITH TIME ZONE '2026-01-05 10:00:00+00', 'Customer created', '{"event":"created"}');
INSERT INTO crm_audit (id, tenant, at, actor_id, action, subject)
VALUES (nextval('crm_audit_seq'), 'acme', TIMESTAMP WITH TIME ZONE '2026-01-05 10:00:00+00', 'boss', 'GRANT', 'user:ali VIEW');
