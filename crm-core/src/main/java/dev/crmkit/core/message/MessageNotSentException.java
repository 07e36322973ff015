package dev.crmkit.core.message;

import dev.crmkit.core.CrmException;
import dev.crmkit.core.ErrorCode;

/**
 * The message gateway did not send a message ({@link ErrorCode#MESSAGE_NOT_SENT}); nothing was
 * recorded, so sending again is safe. The gateway's exception is the cause.
 */
public final class MessageNotSentException extends CrmException {

    private static final long serialVersionUID = 1L;

    private final String reference;

    public MessageNotSentException(String reference, String message, Throwable cause) {
        super(ErrorCode.MESSAGE_NOT_SENT, message, cause);
        this.reference = reference;
    }

    /** The reference the gateway was given for the failed send, or {@code null} if it was never called. */
    public String reference() {
        return reference;
    }
}
