package dev.crmkit.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Root of every exception the library throws on purpose. Unchecked; {@link #code()} is stable and
 * meant for programs, the message is meant for people and does not repeat the code. {@link
 * #toString()}, which logs and stack traces print, shows both.
 *
 * <p>Messages never contain an unmasked national id.
 */
public abstract class CrmException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    protected CrmException(ErrorCode code, String message) {
        this(code, message, null);
    }

    protected CrmException(ErrorCode code, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The class, the code and the message: {@code dev.crmkit.core.NotFoundException [CUSTOMER_NOT_FOUND]: no customer 42}. */
    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return getClass().getName() + " [" + code + "]" + (message == null ? "" : ": " + message);
    }

    /** The stable code of this failure. */
    public ErrorCode code() {
        return code;
    }
}
