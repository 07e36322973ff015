package dev.crmkit.core.customer;

/** Whether a customer is a person or a company (Kişi / Şirket). */
public enum CustomerType {
    PERSON,
    COMPANY
}
