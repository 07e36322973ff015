package dev.crmkit.testkit;

import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerPhone;
import dev.crmkit.core.customer.Segment;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions for {@link Customer}s: {@code CustomerAssert.assertThat(c).hasPhone("+90...")}. */
public final class CustomerAssert extends AbstractAssert<CustomerAssert, Customer> {

    private CustomerAssert(Customer actual) {
        super(actual, CustomerAssert.class);
    }

    public static CustomerAssert assertThat(Customer actual) {
        return new CustomerAssert(actual);
    }

    public CustomerAssert hasName(String fullName) {
        isNotNull();
        if (!Objects.equals(actual.fullName(), fullName)) {
            failWithMessage("expected customer %s to be named <%s> but was <%s>", actual.id(), fullName, actual.fullName());
        }
        return this;
    }

    /** The primary phone, in E.164. */
    public CustomerAssert hasPhone(String e164) {
        isNotNull();
        if (!actual.phone().e164().equals(e164)) {
            failWithMessage("expected customer %s to have phone <%s> but was <%s>", actual.id(), e164, actual.phone());
        }
        return this;
    }

    /** Any of the numbers, in E.164. */
    public CustomerAssert hasNumber(String e164) {
        isNotNull();
        if (actual.phones().stream().map(CustomerPhone::number).noneMatch(n -> n.e164().equals(e164))) {
            failWithMessage("expected customer %s to have number <%s> among %s", actual.id(), e164, actual.phones());
        }
        return this;
    }

    public CustomerAssert hasSegment(Segment segment) {
        isNotNull();
        if (actual.segment() != segment) {
            failWithMessage("expected customer %s in segment <%s> but was <%s>", actual.id(), segment, actual.segment());
        }
        return this;
    }

    public CustomerAssert hasVersion(long version) {
        isNotNull();
        if (actual.version() != version) {
            failWithMessage("expected customer %s at version <%s> but was <%s>", actual.id(), version, actual.version());
        }
        return this;
    }

    /** The national id is absent or masked: only its last four digits show. */
    public CustomerAssert hasMaskedNationalId() {
        isNotNull();
        String id = actual.nationalId();
        if (id != null && !id.matches("\\*+[0-9]{0,4}")) {
            failWithMessage("expected customer %s to show a masked national id but it shows <%s>", actual.id(), id);
        }
        return this;
    }

    public CustomerAssert hasCustomField(String key, Object value) {
        isNotNull();
        if (!Objects.equals(actual.customFields().get(key), value)) {
            failWithMessage("expected custom field %s of customer %s to be <%s> but was <%s>", key, actual.id(), value,
                    actual.customFields().get(key));
        }
        return this;
    }

    public CustomerAssert hasNoCustomField(String key) {
        isNotNull();
        if (actual.customFields().containsKey(key)) {
            failWithMessage("expected customer %s to show no custom field %s but it shows <%s>", actual.id(), key,
                    actual.customFields().get(key));
        }
        return this;
    }
}
