package dev.crmkit.core.result;

/** Whether a result code takes a parameter. */
public enum ParameterRule {
    /** Never given: giving it is an error. */
    OFF,
    /** May be given. */
    OPTIONAL,
    /** Must be given. */
    REQUIRED
}
