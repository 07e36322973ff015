package dev.crmkit.core.result;

/** What a result code can be applied to. */
public enum ResultTarget {
    /** The customer as a whole. */
    CUSTOMER,
    /** One of the customer's phone numbers. */
    PHONE,
    /** One of the customer's products. */
    PRODUCT
}
