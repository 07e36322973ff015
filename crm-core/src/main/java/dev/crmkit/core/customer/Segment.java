package dev.crmkit.core.customer;

/** The customer segment; {@link #NORMAL} unless set. {@link #POTENTIAL} is "Potansiyel". */
public enum Segment {
    VIP,
    NORMAL,
    RISK,
    POTENTIAL
}
