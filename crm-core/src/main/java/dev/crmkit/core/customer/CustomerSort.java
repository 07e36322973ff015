package dev.crmkit.core.customer;

/** Orders of customer lists. Ties are broken by customer id so that paging is stable. */
public enum CustomerSort {
    /** Most recently updated first (the default). */
    UPDATED,
    /** Most contacts first. */
    INTERACTIONS,
    /** By name, A to Z, compared folded (Turkish letters as their plain counterparts). */
    NAME,
    /** Most recently created first. */
    CREATED
}
