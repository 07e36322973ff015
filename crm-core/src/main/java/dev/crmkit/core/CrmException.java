package dev.crmkit.core;

import java.util.Objects;

/**
 * Root of every exception the library throws on purpose. Unchecked; {@link #code()} is stable and
 * meant for programs, the message is meant for people.
 *
 * <p>Messages never contain an unmasked national id.
 */
public abstract class CrmException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    protected CrmException(ErrorCode code, String message) {
        this(code, message, null);
    }

    protected CrmException(ErrorCode code, String message, Throwable cause) {
        super(Objects.requireNonNull(code, "code") + ": " + message, cause);
        this.code = code;
    }

    /** The stable code of this failure. */
    public ErrorCode code() {
        return code;
    }
}
