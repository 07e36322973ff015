package dev.crmkit.core;

/**
 * The call is valid on its own but conflicts with stored state: a stale version, a phone already
 * taken, a key in use. Nothing was changed; reading again and retrying may succeed.
 */
public final class ConflictException extends CrmException {

    private static final long serialVersionUID = 1L;

    public ConflictException(ErrorCode code, String message) {
        super(code, message);
    }
}
