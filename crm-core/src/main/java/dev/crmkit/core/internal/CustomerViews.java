package dev.crmkit.core.internal;

import dev.crmkit.core.Actor;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerPhone;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.PhoneRecord;
import dev.crmkit.core.spi.StorageSession;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns stored customers into what one actor may see: national id masked, custom fields filtered
 * by visibility and ordered by position, phones primary first, then favourites. One instance
 * serves one call.
 */
final class CustomerViews {

    /** How a stored customer becomes a {@link Customer}: see {@link CustomerViewMapping}. */
    private static final CustomerViewMapping VIEW = new CustomerViewMapping();

    private final Map<String, CustomFieldDefinition> visible = new LinkedHashMap<>();
    private final LocalDate today;

    /** One stored customer as the actor sees it now (a script or a message is filled in from this). */
    static Customer viewOf(ServiceContext ctx, StorageSession s, Actor actor, PermissionLevel level, long customerId) {
        LocalDate today = LocalDate.ofInstant(ctx.now(), ctx.zoneOf(actor.tenant()));
        return new CustomerViews(actor, level, s.customFields().list(), today)
                .view(DefaultCustomerService.load(s, customerId));
    }

    CustomerViews(Actor actor, PermissionLevel level, List<CustomFieldDefinition> definitions, LocalDate today) {
        for (CustomFieldDefinition d : definitions) {
            if (Authorizer.sees(actor, level, d)) {
                visible.put(d.key(), d);
            }
        }
        this.today = today;
    }

    /** Keys of custom fields the actor may see. */
    Set<String> visibleKeys() {
        return visible.keySet();
    }

    Customer view(CustomerRecord r) {
        Map<String, Object> custom = new LinkedHashMap<>();
        for (String key : visible.keySet()) {
            Object value = r.customFields().get(key);
            if (value != null) {
                custom.put(key, value);
            }
        }
        return VIEW.of(r, phones(r.phones()), custom);
    }

    private List<CustomerPhone> phones(List<PhoneRecord> records) {
        List<CustomerPhone> out = new ArrayList<>(records.size());
        out.add(phone(records.get(0)));
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 1; i < records.size(); i++) {
                PhoneRecord p = records.get(i);
                if (p.favorite() == (pass == 0)) {
                    out.add(phone(p));
                }
            }
        }
        return out;
    }

    private CustomerPhone phone(PhoneRecord p) {
        int todayCount = today.equals(p.contactDay()) ? p.contactsOnDay() : 0;
        return new CustomerPhone(p.number(), p.status(), p.favorite(), p.owner(), todayCount, p.totalContacts());
    }
}
