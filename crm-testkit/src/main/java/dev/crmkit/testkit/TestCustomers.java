package dev.crmkit.testkit;

import dev.crmkit.core.customer.NewCustomer;

/** Data builders for tests: distinct, valid customers without repeating phone numbers by hand. */
public final class TestCustomers {

    private TestCustomers() {
    }

    /** A valid Turkish mobile number, distinct for each {@code n} in 0..9,999,999, in E.164. */
    public static String mobile(int n) {
        if (n < 0 || n > 9_999_999) {
            throw new IllegalArgumentException("n must be 0..9,999,999: " + n);
        }
        return String.format("+90532%07d", n);
    }

    /** A builder for a customer with the given name and the n-th {@link #mobile} number. */
    public static NewCustomer.Builder customer(String fullName, int n) {
        return NewCustomer.builder(fullName, mobile(n));
    }
}
