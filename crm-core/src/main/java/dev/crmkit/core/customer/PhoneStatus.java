package dev.crmkit.core.customer;

/** How far a phone number can be trusted, with the colour users know it by. */
public enum PhoneStatus {
    /** Green: callable. */
    ACTIVE,
    /** Orange: not verified. */
    SUSPICIOUS,
    /** Red: not callable. */
    INVALID,
    /** Blue: entered by hand, pending. */
    MANUAL
}
