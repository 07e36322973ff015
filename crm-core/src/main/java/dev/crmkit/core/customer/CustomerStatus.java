package dev.crmkit.core.customer;

/** Whether the customer is worked on (Aktif) or not (Pasif). */
public enum CustomerStatus {
    ACTIVE,
    PASSIVE
}
